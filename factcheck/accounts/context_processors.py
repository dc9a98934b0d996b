from django.http import HttpRequest

from factcheck.accounts.roles import is_editor, is_reviewer, role_label


def roles(request: HttpRequest) -> dict:
    user = request.user
    return {
        "user_is_editor": is_editor(user),
        "user_is_reviewer": is_reviewer(user),
        "user_role": role_label(user),
    }
