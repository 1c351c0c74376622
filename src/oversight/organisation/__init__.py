"""The liaison lead's pages for running the organisation in Oversight: its people, portfolios,
boards and settings. They assemble what other apps hold (committees from papers, each
person's open responses from recommendations), so they sit above them in the layers."""
