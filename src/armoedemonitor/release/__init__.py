"""Releases: write, read and verify disclosure-controlled data packages."""
