"""Child process: ask the app for a few pages with Django's test client, print the answers.

    python -m tests.ops.probe

It runs the real middleware stack and views against whatever database the environment gives
(DATABASE_URL), with the production settings. Prints a JSON list of {name, status, body,
headers}.
"""

from __future__ import annotations

import json


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client(raise_request_exception=False)
    answers = []

    def record(name: str, response) -> None:
        answers.append(
            {
                "name": name,
                "status": response.status_code,
                "body": response.content.decode("utf-8", "replace"),
                "headers": dict(response.items()),
            }
        )

    record("sign-in page", client.get("/account/sign-in/"))
    record("sign in", client.post("/account/sign-in/", {"username": "owner", "password": "demo"}))
    client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32  # a signed-in person's next visit
    record("register", client.get("/recommendations/"))
    record("home", client.get("/"))
    print(json.dumps(answers))


if __name__ == "__main__":
    main()
