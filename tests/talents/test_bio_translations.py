"""The biography in other languages: written by the talent, shown to readers of that language
with the original one click away, hidden like the biography, and searched."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lintas.talents.domain import profiles
from lintas.talents.models import BioTranslation, TalentText


@pytest.fixture
def bilingual(talent, django_capture_on_commit_callbacks):
    talent.bio = "研究员，从事耐盐水稻育种。"
    talent.bio_language = "zh"
    talent.save()
    with django_capture_on_commit_callbacks(execute=True):
        profiles.set_bio_translation(
            user=talent.user, talent=talent, language="id",
            text="Peneliti pemuliaan padi toleran garam.",
        )  # fmt: skip
    return talent


def test_reader_of_that_language_sees_the_translation_first(client, bilingual, seeker):
    client.force_login(seeker)
    url = reverse("talents:detail", args=[bilingual.slug])
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<div lang="id"><p>Peneliti pemuliaan padi toleran garam.</p></div>' in body
    assert 'id="bio-translated"' in body and "研究员，从事耐盐水稻育种。" in body  # original
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert '<div lang="zh"><p>研究员，从事耐盐水稻育种。</p></div>' in body
    assert 'id="bio-translated"' not in body


def test_translation_is_hidden_with_the_biography(client, bilingual):
    # The fixture talent shows the biography to members only.
    body = client.get(
        reverse("talents:detail", args=[bilingual.slug]), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert "Peneliti pemuliaan" not in body and "研究员" not in body
    api = client.get(reverse("talent-detail", args=[bilingual.slug])).json()
    assert "bio_translations" not in api and "bio" not in api


def test_translation_is_searched(bilingual):
    texts = set(
        TalentText.objects.filter(talent=bilingual, kind="bio").values_list("text", flat=True)
    )
    assert (
        "Peneliti pemuliaan padi toleran garam." in texts and "研究员，从事耐盐水稻育种。" in texts
    )


def test_only_the_talent_translates_and_not_into_the_original_language(bilingual, seeker):
    with pytest.raises(PermissionDenied):
        profiles.set_bio_translation(user=seeker, talent=bilingual, language="th", text="x")
    with pytest.raises(ValidationError):
        profiles.set_bio_translation(user=bilingual.user, talent=bilingual, language="zh", text="x")
    assert list(BioTranslation.objects.values_list("language", flat=True)) == ["id"]


def test_page_form_saves_and_replaces(client, bilingual):
    client.force_login(bilingual.user)
    client.post(reverse("talents:bio_translation"), {"language": "id", "text": "Versi baru."})
    assert BioTranslation.objects.get(talent=bilingual, language="id").text == "Versi baru."
    assert 'id="my-bio-translations"' in client.get(reverse("talents:mine")).content.decode()
