"""Forms an editor corrects a finding, a judgement or a visit with: the new values and, always, why."""

from __future__ import annotations

from django import forms

from authorities.models import Authority
from inspections.corrections import CORRECTED_FIELDS
from inspections.models import AuditEntry, Theme
from inspections.vocabulary import Grade, Polarity, VisitType


class CorrectionForm(forms.Form):
    """The fields named in `corrected` are the object's; `reason` is asked every time."""

    corrected: tuple[str, ...] = ()

    reason = forms.CharField(
        label="Why is this correction needed?",
        help_text="Kept in the audit log with your name, the date and the values before and after.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
        error_messages={"required": "Say why you are making this correction."},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and all(cleaned.get(name) == self.initial.get(name) for name in self.corrected):
            raise forms.ValidationError("Nothing is changed: change a value, or go back.")
        return cleaned


class FindingCorrectionForm(CorrectionForm):
    corrected = ("themes", "polarity", "hidden")

    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    polarity = forms.ChoiceField(label="Polarity", choices=Polarity.choices, widget=forms.RadioSelect)
    hidden = forms.BooleanField(
        label="Hide this finding",
        required=False,
        help_text="A hidden finding is not shown on the public pages, in the exports or in the API.",
    )
    field_order = ["themes", "polarity", "hidden", "reason"]

    def clean_themes(self):
        return sorted(theme.slug for theme in self.cleaned_data["themes"])


class JudgementCorrectionForm(CorrectionForm):
    corrected = ("grade",)

    grade = forms.ChoiceField(label="Grade", choices=Grade.choices, widget=forms.RadioSelect)
    field_order = ["grade", "reason"]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text="As YYYY-MM-DD.",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"class": "govuk-input govuk-input--width-10"}),
    )


class VisitCorrectionForm(CorrectionForm):
    corrected = ("visit_type", "start_date", "end_date", "authority")

    visit_type = forms.ChoiceField(
        label="Type of visit", choices=VisitType.choices, widget=forms.Select(attrs={"class": "govuk-select"})
    )
    start_date = _date_field("Started")
    end_date = _date_field("Ended")
    authority = forms.ModelChoiceField(
        label="Authority",
        help_text="The local authority this visit, and the documents matched to it, are about.",
        queryset=Authority.objects.order_by("name").only("pk", "slug", "name"),
        to_field_name="slug",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    field_order = ["visit_type", "start_date", "end_date", "authority", "reason"]

    def clean_authority(self):
        return self.cleaned_data["authority"].slug

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The visit cannot end before it started.")
        return cleaned


class AuditFilterForm(forms.Form):
    """The audit log's filters, from the query string; each absent one is no filter."""

    user = forms.CharField(label="Who (user name)", required=False, max_length=150, strip=True)
    object_type = forms.ChoiceField(
        label="What", required=False, choices=[("", "Anything"), *AuditEntry.ObjectType.choices]
    )
    field = forms.ChoiceField(
        label="Field",
        required=False,
        choices=[("", "Any field"), *((name, name.replace("_", " ")) for name in CORRECTED_FIELDS)],
    )
    since = forms.DateField(label="From", required=False, input_formats=["%Y-%m-%d"], help_text="YYYY-MM-DD")
    until = forms.DateField(label="To", required=False, input_formats=["%Y-%m-%d"], help_text="YYYY-MM-DD")
    page = forms.IntegerField(required=False, min_value=1)
