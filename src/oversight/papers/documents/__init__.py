"""Turning a paper into documents: the section text (a small Markdown) into HTML for the
preview and the PDF, and into a Word document with real heading, list and table styles."""
