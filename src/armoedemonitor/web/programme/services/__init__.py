"""Logic of the programme monitor, kept out of views: progress maths, the entry
workflow, values read from releases."""
