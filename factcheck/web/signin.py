"""The browser sign-in: Django's LoginView behind the IP-wide failed sign-in limit.

django-axes still locks one username+address pair (its middleware answers with
registration/locked_out.html); this adds the limit across usernames (accounts/signin.py): past
it the form is shown again with the reason, status 429, and no password is checked.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from factcheck.accounts.signin import signin_refusal


class SignInView(auth_views.LoginView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if refusal := signin_refusal(request):
            message, wait = refusal
            form = self.form_class(request)  # unbound: nothing is authenticated
            context = self.get_context_data(form=form, throttled_message=message)
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)
