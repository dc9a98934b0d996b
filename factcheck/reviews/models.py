"""In-app notifications: what happened to someone's work, written after the change committed."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class NotificationKind(models.TextChoices):
    """Why someone is told; the label is the line the list shows ("sent back your claim")."""

    SENT_BACK = "sent_back", "sent back your claim"
    REVISION_SENT_BACK = "revision_sent_back", "revised the article: your claim needs review again"
    SUBMITTED = "submitted", "submitted a claim for review"
    APPROVED = "approved", "approved your claim"
    PUBLISHED = "published", "published your claim"
    CORRECTED = "corrected", "corrected your published claim"
    RETRACTED = "retracted", "retracted your claim"
    MENTIONED = "mentioned", "mentioned you in a comment"
    ASSIGNED = "assigned", "assigned you to an article"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    # Who did it; empty for the system.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="notifications"
    )
    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        "claims.Comment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True, help_text="The editor's note or the comment, as written.")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_unread",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
