#!/usr/bin/env python3
"""Signs in through the real forms and prints the cookies as one Cookie header, for wrk.

Usage: scripts/bench/signin.py BASE_URL EMAIL PASSWORD [STAFF_EMAIL STAFF_PASSWORD]
With STAFF_EMAIL and STAFF_PASSWORD, the admin (EMAIL) creates that staff account through /Admin/Users/Create and
the cookies printed are the staff member's.
Admins must use two-factor sign-in: a fresh admin is sent to the set-up page, so this reads the shared key there,
computes the authenticator code (RFC 6238) and turns it on, as a person with an authenticator app would. It exits
with 1 when the account cannot reach /Registry/Units afterwards.
"""
import base64
import hashlib
import hmac
import html
import http.cookiejar
import re
import struct
import sys
import time
import urllib.parse
import urllib.request


def totp(key):
    secret = base64.b32decode(key.upper() + "=" * (-len(key) % 8))
    digest = hmac.new(secret, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def sign_in(base, email, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(path):
        with opener.open(base + path, timeout=60) as r:
            return r.geturl(), r.status, r.read().decode("utf-8")

    def post(path, page, fields):
        token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]*)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "__RequestVerificationToken": token}).encode()
        with opener.open(base + path, data=data, timeout=60) as r:
            return r.geturl(), r.status, r.read().decode("utf-8")

    _, _, page = get("/Account/Login")
    url, _, page = post("/Account/Login", page, {"Input.Email": email, "Input.Password": password})
    if urllib.parse.urlparse(url).path == "/Account/TwoFactor/Setup":
        key = re.search(r'<kbd class="shared-key">([^<]*)</kbd>', page).group(1).replace(" ", "")
        url, _, page = post("/Account/TwoFactor/Setup", page, {"Input.Code": totp(html.unescape(key))})
    try:
        url, status, _ = get("/Registry/Units")
    except urllib.error.HTTPError as e:
        status = e.code
    if status != 200 or urllib.parse.urlparse(url).path != "/Registry/Units":
        sys.exit(f"sign-in failed: /Registry/Units answered {status} at {url}")
    return jar, get, post


def main(base, email, password, staff_email=None, staff_password=None):
    jar, get, post = sign_in(base, email, password)
    if staff_email:
        _, _, page = get("/Admin/Users/Create")
        post("/Admin/Users/Create", page, {"Input.Email": staff_email, "Input.DisplayName": "Petugas uji beban",
                                           "Input.Role": "Staff", "Input.Password": staff_password})
        jar, _, _ = sign_in(base, staff_email, staff_password)
    print("; ".join(f"{c.name}={c.value}" for c in jar))


if __name__ == "__main__":
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__)
    main(*sys.argv[1:])
