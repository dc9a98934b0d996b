"""One Transition per workflow action carries everything about it; the rest is derived."""

import inspect

import pytest

from factcheck.claims.models import EventAction
from factcheck.reviews import services
from factcheck.reviews.api import INPUT_SERIALIZERS, TRANSITION_VIEWS
from factcheck.reviews.workflow import BY_SLUG, TRANSITIONS
from factcheck.web.forms.claims import NoteForm


@pytest.mark.parametrize("transition", TRANSITIONS.values(), ids=lambda t: t.action.value)
def test_each_transition_names_its_service_event_and_words(transition):
    assert transition.action in EventAction.values
    assert transition.service is getattr(services, f"claim_{transition.action}")
    assert transition.label and transition.verb and transition.past and transition.done
    assert BY_SLUG[transition.slug] is transition
    assert "_" not in transition.slug


@pytest.mark.parametrize("transition", TRANSITIONS.values(), ids=lambda t: t.action.value)
def test_each_transitions_inputs_are_taken_by_its_service_serializer_and_form(transition):
    parameters = inspect.signature(transition.service).parameters
    serializer_fields = INPUT_SERIALIZERS[transition.inputs]().fields
    for name in ("note", "version", *transition.inputs):
        assert name in parameters
        assert name in serializer_fields
        assert name in NoteForm.base_fields


def test_the_api_has_one_endpoint_per_transition_under_its_slug():
    assert set(TRANSITION_VIEWS) == {t.slug for t in TRANSITIONS.values()}
    for slug, view in TRANSITION_VIEWS.items():
        assert view.transition is BY_SLUG[slug]


def test_event_actions_label_the_history_and_keep_the_stored_strings():
    assert EventAction.REANCHOR_REVIEW == "reanchor_review"
    assert EventAction.REQUEST_CHANGES.label == "requested changes"
    assert len(set(EventAction.values)) == len(EventAction.values)
