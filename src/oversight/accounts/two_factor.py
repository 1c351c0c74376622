"""Time-based one-time codes (TOTP, RFC 6238) from an authenticator app, with pyotp.

Codes are 6 digits and change every 30 seconds; the one before and the one after the current
step are accepted too, for a phone's clock that is a little out. Each step is used once.
"""

from __future__ import annotations

import hmac
import time

import pyotp
import segno
from django.conf import settings

CODE_DIGITS = 6
STEP_SECONDS = 30
VALID_WINDOW = 1  # steps either side of now


def now() -> float:
    """The clock codes are checked against (tests set it)."""
    return time.time()


def new_secret() -> str:
    return pyotp.random_base32()  # 32 base32 characters: 160 bits


def provisioning_uri(secret: str, account_name: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(
        name=account_name, issuer_name=settings.OVERSIGHT_TOTP_ISSUER
    )


def qr_code_data_uri(uri: str) -> str:
    """The URI as a QR code in SVG, for an <img src>: made here, no outside service."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=4, dark="#0b0c0c")


def spaced(secret: str) -> str:
    """ABCD EFGH …: easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "")


def matching_step(secret: str, code: str, *, at: float | None = None) -> int | None:
    """The time step `code` belongs to, within the window around `at` (now), or None."""
    code = normalise(code)
    if len(code) != CODE_DIGITS or not (code.isascii() and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret, digits=CODE_DIGITS, interval=STEP_SECONDS)
    now_step = int((now() if at is None else at) // STEP_SECONDS)
    found = None
    for step in range(now_step - VALID_WINDOW, now_step + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found
