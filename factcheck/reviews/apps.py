from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "factcheck.reviews"
    label = "reviews"

    def ready(self) -> None:
        """Hook the notifications into the services of the apps below, which cannot import
        this one: a comment's mentions (after commit) and an assignment (its audit row inside
        the transaction, the notification after it). Workflow transitions and revisions call
        reviews.notifications directly."""
        from factcheck.articles import services as articles
        from factcheck.claims.services import evidence
        from factcheck.reviews.notifications import assignment_recorded, mention_notified

        if mention_notified not in evidence.after_comment_hooks:
            evidence.after_comment_hooks.append(mention_notified)
        if assignment_recorded not in articles.assign_hooks:
            articles.assign_hooks.append(assignment_recorded)
