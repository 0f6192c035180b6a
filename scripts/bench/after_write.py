#!/usr/bin/env python3
"""The dashboard after a write (issue 15): edits units one at a time through the real edit form and times the next
dashboard request after each edit, as the first official to open the dashboard after a staff member saves would see it.

Usage: scripts/bench/after_write.py BASE_URL COOKIE SIZE UNIT_ID [UNIT_ID ...]
For each unit: GET /Registry/Units/Edit/{id}, post the form back with every field as it was (the antiforgery token
and the version included) except the number of male workers, which goes up by one, expect the redirect to the unit's
page, then GET /Dashboard and time it. Prints one TSV line per edit: size, unit id, edit ms, dashboard ms.
The form is read generically (every input, select and textarea of the form that posts to the edit page), so fields
added to the unit later need no change here. Exits 1 when an edit is not saved or the dashboard does not answer 200.
"""
import html.parser
import http.cookies
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


class EditForm(html.parser.HTMLParser):
    """The fields of the first form whose method is post and that has Input.* fields, as a browser would submit it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.in_form, self.done = [], False, False
        self.select, self.option_value, self.selected, self.textarea = None, None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.in_form, self.fields = True, []
        if not self.in_form:
            return
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select, self.selected, self.first = a["name"], None, None
        elif tag == "option" and self.select:
            value = a.get("value")
            if self.first is None:
                self.first = value
            if "selected" in a:
                self.selected = value
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            self.fields.append((self.select, self.selected if self.selected is not None else (self.first or "")))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form = False
            if any(name.startswith("Input.") for name, _ in self.fields):
                self.done = True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main(base, cookie, size, *ids):
    jar = http.cookies.SimpleCookie()
    jar.load(cookie)
    opener = urllib.request.build_opener(NoRedirect)

    def send(path, data=None):
        header = "; ".join(f"{k}={m.value}" for k, m in jar.items())
        request = urllib.request.Request(base + path, data=data, headers={"Cookie": header})
        try:
            response = opener.open(request, timeout=120)
        except urllib.error.HTTPError as e:
            response = e
        with response:
            body = response.read().decode("utf-8", "replace")
            # Take renewed cookies like a browser.
            for value in response.headers.get_all("Set-Cookie") or []:
                jar.load(value.split(";", 1)[0])
            return response.status, response.headers.get("Location"), body

    for unit_id in ids:
        status, _, page = send(f"/Registry/Units/Edit/{unit_id}")
        if status != 200:
            sys.exit(f"edit form of unit {unit_id} answered {status}")
        form = EditForm()
        form.feed(page)
        fields = [(k, str(int(v or "0") + 1) if k == "Input.WorkersMale" else v) for k, v in form.fields]
        if "Input.WorkersMale" not in dict(fields):
            fields.append(("Input.WorkersMale", "1"))
        started = time.perf_counter()
        status, location, body = send(f"/Registry/Units/Edit/{unit_id}", urllib.parse.urlencode(fields).encode())
        edit_ms = (time.perf_counter() - started) * 1000
        if status != 302 or not location or f"/Registry/Units/Details/{unit_id}" not in location:
            sys.exit(f"edit of unit {unit_id} was not saved: HTTP {status}")
        started = time.perf_counter()
        status, _, _ = send("/Dashboard")
        dashboard_ms = (time.perf_counter() - started) * 1000
        if status != 200:
            sys.exit(f"/Dashboard answered {status} after the edit of unit {unit_id}")
        print(f"{size}\t{unit_id}\t{edit_ms:.1f}\t{dashboard_ms:.1f}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
