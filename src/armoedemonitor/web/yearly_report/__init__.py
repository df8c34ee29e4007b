"""The yearly report (jaarrapportage) and per-municipality factsheets: a frozen JSON
snapshot of the programme monitor, rendered to HTML with SVG charts and to PDF."""
