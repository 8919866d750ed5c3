#!/usr/bin/env python3
"""Drives the running local stack through an incident and checks, through Prometheus, that every
metric the Grafana dashboard queries exists and moved, and that every dashboard query evaluates.

Started by ops/verify-metrics.sh, which starts the stack and Prometheus first. Standard library only.
"""
import base64
import html
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROMETHEUS = os.environ.get("PROMETHEUS_URL", "http://127.0.0.1:9099")
DASHBOARD = os.path.join(ROOT, "ops", "grafana", "dashboards", "alerting.json")
CONTACTS, DISPATCHER, WORKER, ACK = (f"http://localhost:{p}" for p in (8081, 8082, 8083, 8084))
INBOX, PHONE, IDENTITY = "http://localhost:8025", "http://localhost:8089", "http://localhost:8090"
# actuator answers on each service's management port only (README, "Ports")
WORKER_MANAGEMENT = "http://localhost:9083"
ADA_SMS, GRACE_SMS = "+14155550123", "+14155550124"
# gauges: they must exist; "moved" means they were above zero at some point of the run
GAUGE = re.compile(r"(_max|_pending|_lag|_queued|_send_rate|_eta_seconds)$")
# consumers may well keep up: zero lag is a fine value; a three-alert incident may leave the queue
# between two scrapes, and nobody waits for a first attempt long enough to have an ETA
EXISTS_ONLY = re.compile(r"(_lag|_queued|_eta_seconds)$")


def http(method, url, data=None, headers=None, expect=None):
    body = None
    if isinstance(data, dict):
        body, headers = json.dumps(data).encode(), {**(headers or {}), "Content-Type": "application/json"}
    elif isinstance(data, str):
        body = data.encode()
        headers = {**(headers or {}), "Content-Type": "application/x-www-form-urlencoded"}
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    if expect is not None and status != expect:
        raise SystemExit(f"{method} {url} answered {status}, expected {expect}: {text[:500]}")
    return status, text


def wait_for(what, check, timeout=120, every=1.0):
    deadline = time.time() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.time() > deadline:
            raise SystemExit(f"gave up waiting for {what} after {timeout}s")
        time.sleep(every)


def promql(expr):
    url = f"{PROMETHEUS}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    status, text = http("GET", url)
    answer = json.loads(text)
    if answer.get("status") != "success":
        return None, answer.get("error", text)
    return answer["data"]["result"], None


def scalar(expr):
    result, error = promql(expr)
    if error or not result:
        return None
    value = float(result[0]["value"][1])
    return None if value != value else value  # NaN counts as absent


def dashboard_queries():
    with open(DASHBOARD) as f:
        dashboard = json.load(f)
    panels = []
    for panel in dashboard["panels"]:
        panels.extend(panel.get("panels", []))
        panels.append(panel)
    return [(p["title"], t["expr"]) for p in panels for t in p.get("targets", [])]


def metric_names(queries):
    names = set()
    for _, expr in queries:
        names.update(re.findall(r"\b((?:alerting|kafka)_[a-z0-9_]+)\b", expr))
    return sorted(names)


def counter_value(name):
    return scalar(f"sum({name})") or 0.0


def token(person):
    """An access token from the local identity provider, where each demo person is a client too."""
    credentials = base64.b64encode(f"{person}:demo".encode()).decode()
    text = http("POST", f"{IDENTITY}/oauth2/token", "grant_type=client_credentials",
                {"Authorization": f"Basic {credentials}"}, expect=200)[1]
    return json.loads(text)["access_token"]


def run_incident():
    admin, responder = token("grace"), token("rita")
    auth = lambda token: {"Authorization": f"Bearer {token}"}
    # Ada: SMS first, then email; Grace: SMS only (one round, set by verify-metrics.sh), so she ends exhausted
    for person, title, role, methods in (
            ("ada", "CISO", "PRIMARY_SECURITY", [{"channel": "SMS", "address": ADA_SMS},
                                                 {"channel": "EMAIL", "address": "ada@acme.example"}]),
            ("grace", "IT lead", "PRIMARY_IT", [{"channel": "SMS", "address": GRACE_SMS}])):
        status, text = http("POST", f"{CONTACTS}/api/tenants/acme/contacts", {"personId": person,
                            "title": title, "roles": [role], "methods": methods}, auth(admin))
        if status >= 300:
            raise SystemExit(f"making {person} a contact failed: {status} {text}")
    time.sleep(3)  # the dispatcher learns contacts from contacts.snapshots.v1
    status, text = http("POST", f"{DISPATCHER}/api/incidents", {
        "kind": "SECURITY_CONCERN", "severity": "CRITICAL", "title": "Leaked API keys (verify-metrics)",
        "summary": "Rotate every API key now", "statusUrl": "https://status.example.com",
        "tenantIds": ["acme"]}, auth(responder))
    if status >= 300:
        raise SystemExit(f"raising the incident failed: {status} {text}")
    incident = json.loads(text)["incidentId"]
    print(f"incident {incident} raised")

    page = wait_for("both SMS on the phone page",
                    lambda: (lambda p: p if ADA_SMS in p and GRACE_SMS in p else None)(http("GET", PHONE + "/")[1]))
    sids = sms_sids(page)
    if ADA_SMS in sids:
        # the provider reports Ada's text undelivered: the worker escalates to email at once
        http("POST", PHONE + "/status", urllib.parse.urlencode({"sid": sids[ADA_SMS], "status": "undelivered"}))
        print("reported Ada's SMS undelivered")
    else:
        print("phone page has no status form: Ada escalates when the ack deadline passes")
    if GRACE_SMS in sids:
        http("POST", PHONE + "/status", urllib.parse.urlencode({"sid": sids[GRACE_SMS], "status": "delivered"}))

    link = wait_for("the alert email to Ada with its ack link", ack_link_in_inbox, timeout=150, every=2)
    http("GET", link, expect=200)   # opening shows the confirmation page (SEEN)
    http("POST", link, expect=200)  # confirming acknowledges
    print("Ada acknowledged through the email link")

    status, _ = http("POST", f"{ACK}/twilio/sms", urllib.parse.urlencode({"From": ADA_SMS, "Body": "ACK"}),
                     {"X-Twilio-Signature": "forged"})
    if status != 403:
        raise SystemExit(f"a forged Twilio signature was answered {status}, not 403")
    print("forged webhook refused")

    send_unreadable_records()
    wait_for("Grace's alert to be exhausted", lambda: re.search(r"^alerting_alerts_exhausted_total\{[^}]*\} [1-9]",
             http("GET", WORKER_MANAGEMENT + "/actuator/prometheus")[1], re.M), timeout=150, every=2)
    print("Grace's alert exhausted")
    return incident


def sms_sids(page):
    """The SID of the newest SMS to each number, from the status forms of the phone page."""
    sids = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        to = re.search(r'name="from" value="([^"]+)"', row)  # the reply form replies *from* the recipient
        sid = re.search(r'action="/status"><input type="hidden" name="sid" value="([^"]+)"', row)
        if to and sid and html.unescape(to.group(1)) not in sids:
            sids[html.unescape(to.group(1))] = html.unescape(sid.group(1))
    return sids


def ack_link_in_inbox():
    inbox = http("GET", INBOX + "/")[1]
    for message_id in re.findall(r'href="/message\?id=([^"&]+)"', inbox):
        message = html.unescape(http("GET", f"{INBOX}/message?id={message_id}")[1])
        if "ada@acme.example" in message:
            link = re.search(r"(http://localhost:8084/ack/[A-Za-z0-9._~-]+)", message)
            if link:
                return link.group(1)
    return None


def send_unreadable_records():
    repo = os.environ.get("M2_REPO", os.path.expanduser("~/.m2/repository"))
    kafka = os.path.join(repo, "org/apache/kafka/kafka-clients/4.2.1/kafka-clients-4.2.1.jar")
    slf4j_dir = os.path.join(repo, "org/slf4j/slf4j-api")
    slf4j = [os.path.join(slf4j_dir, v, f"slf4j-api-{v}.jar") for v in sorted(os.listdir(slf4j_dir))]
    classpath = os.pathsep.join([kafka] + [j for j in slf4j if os.path.exists(j)][-1:])
    subprocess.run(["java", "-cp", classpath, os.path.join(ROOT, "ops", "verify", "SendUnreadableRecord.java"),
                    "localhost:9092", "incidents.v1", "alerts.acks.v1"], check=True)


def main():
    queries = dashboard_queries()
    names = metric_names(queries)
    print(f"dashboard: {len(queries)} queries over {len(names)} metrics")
    wait_for("Prometheus to scrape all four services", lambda: scalar('count(up == 1)') == 4, timeout=120)
    before = {name: counter_value(name) for name in names}
    started = time.time()

    run_incident()
    time.sleep(8)  # a few scrape intervals, so the last changes are in Prometheus
    window = f"{int(time.time() - started) + 30}s"

    failures = []
    for name in names:
        if EXISTS_ONLY.search(name):
            ok = scalar(f"count({name} >= 0)") is not None
            detail = "exists" if ok else "missing"
        elif GAUGE.search(name):
            peak = scalar(f"max(max_over_time({name}[{window}]))")
            ok = peak is not None and peak > 0
            detail = f"peak {peak}" if peak is not None else "missing"
        else:
            after = scalar(f"sum({name})")
            ok = after is not None and after > before[name]
            detail = f"{before[name]:g} -> {after:g}" if after is not None else "missing"
        print(f"{'ok  ' if ok else 'FAIL'} {name:60} {detail}")
        if not ok:
            failures.append(name)

    for title, expr in queries:
        concrete = expr.replace("$__rate_interval", "1m").replace("$__range", window)
        result, error = promql(concrete)
        if error:
            print(f"FAIL query of panel '{title}' does not evaluate: {error}")
            failures.append(title)
        elif not result:
            print(f"note query of panel '{title}' is empty right now: {concrete}")

    if failures:
        print(f"\n{len(failures)} check(s) failed: {', '.join(failures)}")
        return 1
    print("\nevery metric the dashboard queries exists and moved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
