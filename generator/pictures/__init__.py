"""Pictures made when the pages are: SVG drawn from the data, with no script (issue 15)."""
