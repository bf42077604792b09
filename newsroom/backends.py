from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with an HTTP request.

    `authenticate()` without a request (the test client's `login()`, a
    management command) has no client to count failures for; axes would raise
    instead, so such calls pass straight to the next backend.
    """

    def authenticate(self, request, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
