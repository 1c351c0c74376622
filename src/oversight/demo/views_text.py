DEMO_BANNER = """
Oversight demo: West Midlands Police, from its 2022 committee papers.

  Open  http://127.0.0.1:{port}/  in your browser.

  Sign in as one of (password: demo):
    liaison    - the HMICFRS liaison lead
    owner      - a recommendation owner
    executive  - a chief officer
    viewer     - an audit committee member

  Database: {database}
  Press Ctrl+C to stop.
"""
