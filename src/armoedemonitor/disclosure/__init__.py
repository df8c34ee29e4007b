"""Disclosure control: primary and secondary suppression, rounding and the audit."""
