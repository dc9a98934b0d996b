from django.contrib.auth.models import AbstractUser, AnonymousUser


class User(AbstractUser):
    """Project user. Roles are the groups Reviewer and Editor (see accounts.roles)."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


# Whoever is asking: a signed-in User, or AnonymousUser (the predicates then say no). Services
# take the acting `User`.
type Viewer = User | AnonymousUser
