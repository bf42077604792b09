"""The client's address behind our proxies: one rule for comments, read counts and logins."""

from django.conf import settings as django_settings
from django.utils.module_loading import import_string

import comments.views
import readership.views
from clientip import client_ip


def test_the_client_ip_is_remote_addr_when_no_proxy_is_trusted(rf, settings):
    settings.CLIENT_IP_PROXY_COUNT = 0
    request = rf.post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.5"


def test_the_client_ip_comes_from_the_hop_our_proxy_added(rf, settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    request = rf.post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.50")
    assert client_ip(request) == "203.0.113.50"


def test_behind_two_proxies_the_client_ip_is_the_second_hop_from_the_right(rf, settings):
    settings.CLIENT_IP_PROXY_COUNT = 2
    request = rf.post(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.50, 10.0.0.9"
    )
    assert client_ip(request) == "203.0.113.50"


def test_a_garbled_forwarded_header_falls_back_to_remote_addr(rf, settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    request = rf.post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(request) == "10.0.0.5"


def test_the_comment_limit_read_counts_and_login_lockout_share_one_rule():
    assert import_string(django_settings.AXES_CLIENT_IP_CALLABLE) is client_ip
    assert comments.views.client_ip is client_ip
    assert readership.views.client_ip is client_ip
