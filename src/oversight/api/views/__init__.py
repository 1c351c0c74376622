"""The API's views, split by what they serve:

- records:   organisations, inspections, reports and recommendations (read)
- responses: responses, updates, evidence and reviews (read; writes through the services)
- exports:   CSV files for Power BI and Excel
- pages:     the API tokens page and the API documentation page (HTML)
"""
