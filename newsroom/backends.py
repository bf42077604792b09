from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler

from . import throttle


class LoginLockoutBackend(AxesStandaloneBackend):
    """Refuses a login attempt before its password is checked when it must wait.

    Two rules: django-axes' lockout of a client (IP address) after repeated
    failures, and the per-username delay of `newsroom.throttle`. A refused
    attempt is answered by the lockout page (429 with Retry-After) and counts
    toward neither. An attempt that passes both is marked, so that only a
    password actually checked and wrong counts as a failure of the username.

    `authenticate()` without a request (the test client's `login()`, a
    management command) has no client to count failures for; axes would raise
    instead, so such calls pass straight to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        AxesProxyHandler.update_request(request)
        wait = throttle.retry_after(username, request.axes_ip_address)
        if wait:
            request.axes_locked_out = True
            request.login_retry_after = wait
            raise AxesBackendPermissionDenied("Too many failed logins for this username")
        super().authenticate(request, username, password, **kwargs)
        request.login_password_checked = True
        return None
