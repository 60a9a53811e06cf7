"""Forms that validate the query strings of the public pages and the JSON API, and the upload.

Every value is checked against what exists: an unknown theme, polarity or authority, a bad date or
too many authorities makes the form invalid, and the view answers 400 saying what was wrong.
Choices that come from the database are passed in by the view (no queries here).
"""

from __future__ import annotations

from django import forms
from django.conf import settings

from authorities.models import AuthorityType, Region
from dashboard.grades import GRADE_COLUMNS
from inspections.vocabulary import Area, DocumentKind, Grade, Polarity, VisitType

MAX_FILTER_AUTHORITIES = 50
MAX_COMPARE = 8  # authorities side by side
MAX_VALUES = 100  # any repeated parameter
MAX_PAGE = 10_000


def _unique(values):
    return list(dict.fromkeys(values))


class _ListField(forms.MultipleChoiceField):
    """Several values of one query parameter, each checked, duplicates dropped."""

    def __init__(self, *, noun: str, plural: str, max_values: int = MAX_VALUES, **kwargs):
        self.max_values = max_values
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.error_messages["invalid_choice"] = f"“%(value)s” is not a known {noun}."
        self.error_messages.setdefault(
            "too_many", f"Choose at most {{limit}} {plural}: {{given}} were given."
        )

    def to_python(self, value):
        # An empty choice ("any") submitted beside real ones is not a value.
        return [item for item in super().to_python(value) if item != ""]

    def clean(self, value):
        if value and len(value) > self.max_values:
            message = self.error_messages["too_many"].format(limit=self.max_values, given=len(value))
            raise forms.ValidationError(message, code="too_many")
        return _unique(super().clean(value))


class _QueryForm(forms.Form):
    """A GET form: values that are absent are simply not filters."""

    def error_list(self) -> list[tuple[str, str]]:
        """[(field name or "", message)] for an error summary."""
        return [
            (name if name != "__all__" else "", error)
            for name, errors in self.errors.items()
            for error in errors
        ]


FINDING_SORTS = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("authority", "Authority, A to Z"),
]


class FindingFilterForm(_QueryForm):
    theme = _ListField(noun="theme", plural="themes")
    polarity = _ListField(noun="polarity", plural="polarities", choices=Polarity.choices)
    authority = _ListField(noun="authority", plural="authorities", max_values=MAX_FILTER_AUTHORITIES)
    region = _ListField(noun="region", plural="regions", choices=Region.choices)
    visit_type = _ListField(noun="visit type", plural="visit types", choices=VisitType.choices)
    area = _ListField(noun="judgement area", plural="judgement areas", choices=Area.choices)
    q = forms.CharField(required=False, max_length=200, strip=True)
    sort = forms.ChoiceField(required=False, choices=FINDING_SORTS)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data, *, themes, authorities):
        """themes and authorities: (slug, name) pairs of everything that may be chosen."""
        super().__init__(data)
        self.fields["theme"].choices = list(themes)
        self.fields["authority"].choices = list(authorities)
        # "from" is a Python keyword, so these two are added here rather than declared.
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.DateField(
                required=False,
                label=label,
                input_formats=["%Y-%m-%d"],
                error_messages={
                    "invalid": f"Enter a real ‘{label}’ date as YYYY-MM-DD, for example 2018-08-07."
                },
            )
        for name in ("q", "sort", "page"):
            self.fields[name] = self.fields.pop(name)
        self.fields["q"].error_messages["max_length"] = "Search for at most %(limit_value)d characters."
        self.fields["sort"].error_messages["invalid_choice"] = (
            "“%(value)s” is not an order of findings: sort by newest, oldest or authority."
        )
        self.fields["page"].error_messages.update(
            invalid="Enter a page number, for example 2.",
            min_value="Enter a page number of 1 or more.",
            max_value=f"Enter a page number of at most {MAX_PAGE:,}.",
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "The ‘To’ date must be the same as or after the ‘From’ date.")
        return cleaned

    @property
    def filters(self) -> dict:
        """The cleaned filters without the order and the page number (of an invalid form, those
        of its fields that are valid)."""
        return {key: value for key, value in self.cleaned_data.items() if key not in ("sort", "page")}

    @property
    def order(self) -> str:
        """The order the findings are listed in (the `sort` parameter), newest first unless given."""
        return self.cleaned_data.get("sort") or FINDING_SORTS[0][0]

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1


class CompareForm(_QueryForm):
    authority = _ListField(
        noun="authority",
        plural="authorities",
        max_values=MAX_COMPARE,
        error_messages={"too_many": "Compare at most {limit} authorities: {given} were given."},
    )
    neighbours_of = forms.ChoiceField(required=False)

    def __init__(self, data, *, authorities):
        super().__init__(data)
        self.fields["authority"].choices = list(authorities)
        self.fields["neighbours_of"].choices = [("", ""), *authorities]
        self.fields["neighbours_of"].error_messages["invalid_choice"] = (
            "“%(value)s” is not a known authority."
        )


SORTS = ["name", "region", "type", *(column.key for column in GRADE_COLUMNS)]
NOT_GRADED = "none"


class AuthorityListForm(_QueryForm):
    q = forms.CharField(required=False, max_length=100, strip=True)
    region = forms.ChoiceField(required=False, choices=[("", "All regions"), *Region.choices])
    type = forms.ChoiceField(required=False, choices=[("", "All types"), *AuthorityType.choices])
    grade = forms.ChoiceField(
        required=False, choices=[("", "Any grade"), *Grade.choices, (NOT_GRADED, "Not graded")]
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for name in SORTS for key in (name, f"-{name}")]
    )

    def __init__(self, data):
        super().__init__(data)
        self.fields["region"].error_messages["invalid_choice"] = "“%(value)s” is not a region of England."
        self.fields["type"].error_messages["invalid_choice"] = "“%(value)s” is not a type of authority."
        self.fields["grade"].error_messages["invalid_choice"] = "“%(value)s” is not an Ofsted grade."
        self.fields["sort"].error_messages["invalid_choice"] = "“%(value)s” is not a column to sort by."
        self.fields["q"].error_messages["max_length"] = "Search for at most %(limit_value)d characters."


class AuthoritySearchForm(_QueryForm):
    q = forms.CharField(required=False, max_length=100, strip=True)
    # Searching to add to a comparison of these authorities (possibly none yet).
    compare = forms.BooleanField(required=False)
    authority = _ListField(noun="authority", plural="authorities", max_values=MAX_COMPARE)

    def __init__(self, data, *, authorities):
        super().__init__(data)
        self.fields["authority"].choices = list(authorities)
        self.fields["q"].error_messages["max_length"] = "Search for at most %(limit_value)d characters."


class UploadForm(forms.Form):
    """A document an admin uploads: the file, and what it may not state itself."""

    document = forms.FileField(
        label="Document", help_text="An Ofsted letter or report, or a news summary: PDF, HTML or plain text."
    )
    kind = forms.ChoiceField(
        label="What it is",
        required=False,
        choices=[
            ("", "Tell from its content"),
            *(
                (kind.value, kind.label)
                for kind in (DocumentKind.LETTER, DocumentKind.REPORT, DocumentKind.NEWS)
            ),
        ],
    )
    published = forms.DateField(
        label="Publication date",
        required=False,
        help_text="Only where the document does not state it, as YYYY-MM-DD. It never overrides the document.",
        input_formats=["%Y-%m-%d"],
    )
    source_url = forms.URLField(label="Where it was published", required=False, assume_scheme="https")

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > settings.MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size:,} bytes, over the limit of {settings.MAX_DOCUMENT_BYTES:,} bytes."
            )
        return upload


class AuthorityHistoryForm(_QueryForm):
    """Which page of an authority's history its page shows (`?visits=2`); the view checks that
    the history has that many pages."""

    visits = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data):
        super().__init__(data)
        messages = self.fields["visits"].error_messages
        messages["invalid"] = "The page of visits must be a whole number, such as 2."
        messages["min_value"] = "The page of visits must be 1 or more."
        messages["max_value"] = "The page of visits must be at most %(limit_value)s."
