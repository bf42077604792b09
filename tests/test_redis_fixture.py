"""The throwaway Redis that cache tests share really is a Redis behind Django's cache."""

from django.core.cache import cache


def test_redis_cache_fixture_points_django_cache_at_a_live_redis(redis_cache):
    cache.set("greeting", "xin chào")

    assert redis_cache.command("EXISTS", ":1:greeting") == b":1\r\n"
    assert cache.get("greeting") == "xin chào"


def test_redis_cache_fixture_empties_the_server_before_the_test(redis_server, request):
    redis_server.command("SET", ":1:left-over", "1")

    request.getfixturevalue("redis_cache")

    assert cache.get("left-over") is None
