"""Guessing one username from many addresses is slowed down; the real editor is never locked out."""

import sys
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from newsroom import throttle
from newsroom.roles import EDITOR

from .factories import NewsroomUserFactory

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.20"  # where the editor usually logs in from
OFFICE_NEIGHBOUR = "203.0.113.77"  # the same /24: another desk, or a new DHCP lease


@pytest.fixture
def editor(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = NewsroomUserFactory(role=EDITOR, username="bientap")
    user.set_password("mat-khau-dung")
    user.save()
    return user


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 12, 2, 8, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def log_in(client, password, address, username="bientap"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def guess_from_many_addresses(client, times, first=0):
    """Wrong passwords from a botnet: each address tries once, far below the per-IP limit."""
    return [
        log_in(client, f"doan-{n}", f"198.51.{n // 250}.{n % 250}")
        for n in range(first, first + times)
    ]


def test_the_first_ten_failures_of_a_username_cost_nothing(client, editor, clock):
    responses = guess_from_many_addresses(client, 10)
    assert {response.status_code for response in responses} == {200}


def test_after_ten_failures_from_many_addresses_the_next_attempt_must_wait(client, editor, clock):
    guess_from_many_addresses(client, 10)
    response = log_in(client, "doan-tiep", "192.0.2.200")
    assert response.status_code == 429
    assert response["Retry-After"] == "1"
    assert "Tài khoản này đã bị nhập sai mật khẩu nhiều lần" in response.text
    assert "thử lại sau 1 giây" in response.text


def test_the_wait_doubles_with_each_further_failure_up_to_fifteen_minutes(client, editor, clock):
    guess_from_many_addresses(client, 10)
    waits = []
    for n in range(14):
        refused = log_in(client, "doan", f"192.0.2.{n}")
        waits.append(int(refused["Retry-After"]))
        clock.shift(timedelta(seconds=waits[-1]))
        assert log_in(client, f"doan-{n}", f"192.0.2.{n}").status_code == 200  # its slot
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]


def test_refused_attempts_do_not_make_the_wait_longer(client, editor, clock):
    guess_from_many_addresses(client, 10)
    for n in range(20):
        assert log_in(client, "doan", f"192.0.2.{n}").status_code == 429
    clock.shift(timedelta(seconds=1))
    assert log_in(client, "doan", "192.0.2.99").status_code == 200  # the 11th failure
    assert log_in(client, "doan", "192.0.2.98")["Retry-After"] == "2"


def test_one_attempt_per_slot_even_when_many_arrive_together(editor, clock):
    for _ in range(11):
        throttle.record_failure("bientap")
    clock.shift(timedelta(seconds=2))
    assert throttle.retry_after("bientap", "192.0.2.1") == 0
    assert throttle.retry_after("bientap", "192.0.2.2") == 2  # the slot is taken


def test_the_editor_logs_in_from_a_network_used_before_while_a_guesser_is_slowed(
    client, editor, clock
):
    assert log_in(client, "mat-khau-dung", OFFICE).status_code == 302
    client.logout()
    guess_from_many_addresses(client, 10)
    assert log_in(client, "doan", "192.0.2.1").status_code == 429
    assert log_in(client, "mat-khau-dung", OFFICE_NEIGHBOUR).status_code == 302


def test_a_correct_password_from_a_new_network_waits_like_any_other_attempt(client, editor, clock):
    guess_from_many_addresses(client, 12)
    assert log_in(client, "mat-khau-dung", "192.0.2.50").status_code == 429
    clock.shift(timedelta(seconds=4))
    assert log_in(client, "mat-khau-dung", "192.0.2.50").status_code == 302


def test_usernames_are_counted_separately(client, editor, clock):
    guess_from_many_addresses(client, 10)
    other = NewsroomUserFactory(role=EDITOR, username="phongvien")
    other.set_password("mat-khau-khac")
    other.save()
    assert log_in(client, "mat-khau-khac", "192.0.2.9", username="phongvien").status_code == 302


def test_failures_are_forgotten_a_day_after_the_last_one(client, editor, clock):
    guess_from_many_addresses(client, 10)
    clock.shift(timedelta(seconds=throttle.FAILURE_MEMORY + 1))
    assert log_in(client, "mat-khau-dung", "192.0.2.50").status_code == 302


def test_the_per_address_lockout_429_says_when_to_come_back(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "sai", "192.0.2.66")
    response = log_in(client, "mat-khau-dung", "192.0.2.66")
    assert response.status_code == 429
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))


# --- Concurrent failures ------------------------------------------------------------

THREADS = 8
FAILURES_PER_THREAD = 25


@pytest.fixture(params=["local-memory", "redis"])
def shared_cache(request):
    """The cache every worker counts in: this process's memory, or a real Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    cache.clear()
    return request.param


@pytest.fixture
def busy_scheduler():
    """Switch threads as often as possible, so a read-then-write race shows up every run."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def fail_together(username):
    start = threading.Barrier(THREADS)
    errors = []

    def guesser():
        start.wait()
        try:
            for _ in range(FAILURES_PER_THREAD):
                throttle.record_failure(username)
        except Exception as error:  # surfaced below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=guesser) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


def test_failures_arriving_at_the_same_moment_are_each_counted(shared_cache, busy_scheduler):
    fail_together("bientap")

    assert throttle.failure_count("bientap") == THREADS * FAILURES_PER_THREAD


def test_the_wait_follows_the_exact_count_of_simultaneous_failures(
    shared_cache, busy_scheduler, clock, settings
):
    settings.LOGIN_USERNAME_FREE_FAILURES = THREADS * FAILURES_PER_THREAD - 3
    fail_together("bientap")

    assert throttle.retry_after("bientap", "192.0.2.1") == 8  # 3 failures past free
