"""`django.contrib.admin` with the operators' site (accounts/admin_site.py) as its default."""

from django.contrib.admin.apps import AdminConfig


class OversightAdminConfig(AdminConfig):
    default_site = "oversight.accounts.admin_site.OperatorAdminSite"
