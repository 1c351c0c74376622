"""Password sign-in (Django's ModelBackend) that reads the person with their organisation.

Every page shows the person's organisation and every selector filters by it, so loading it with
the person saves one query on every request.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def load_signed_in(user_id):
    """The person with this primary key and their organisation, or None."""
    model = get_user_model()
    try:
        return model._default_manager.select_related("organisation").get(pk=user_id)
    except model.DoesNotExist:
        return None


class OversightModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = load_signed_in(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
