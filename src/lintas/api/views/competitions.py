"""API views of competitions; writes go through the domain (lintas.competitions.domain)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers import competitions as s
from lintas.catalogue.models import Profile
from lintas.competitions.domain import (
    camps,
    editions,
    entries,
    figures,
    final,
    judging,
    queries,
    ranking,
)
from lintas.competitions.models import Assignment, Camp, Competition, Entry, Stage
from lintas.core.models import Sector
from lintas.talents.models import Talent

OFFICER = "competitions.manage_competitions"


class CompetitionViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Editions (drafts: officers only) with groups, fields, stages and tie-break rules.
    Officers: create and change editions, groups' rules, fields, stages; check eligibility,
    special awards, publish results, figures."""

    serializer_class = s.CompetitionPublicSerializer
    permission_classes = [RulePermission]
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_rules = {
        "create": OFFICER,
        "partial_update": OFFICER,
        "group_rules": OFFICER,
        "add_field": OFFICER,
        "add_stage": OFFICER,
        "results": "competitions.view_results",
        "figures": OFFICER,
        "check_eligibility": OFFICER,
        "special_award": OFFICER,
        "publish_results": OFFICER,
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Competition.objects.none()
        return queries.visible_competitions(self.request.user).prefetch_related(
            "groups", "fields__sector", "stages"
        )

    @extend_schema(
        request=s.CompetitionInputSerializer, responses={201: s.CompetitionPublicSerializer}
    )
    def create(self, request):
        data = _valid(s.CompetitionInputSerializer, request)
        sectors = list(Sector.objects.filter(slug__in=data.pop("sectors")))
        competition = domain_call(editions.create_competition, user=request.user,
                                  sectors=sectors, **data)  # fmt: skip
        return Response(s.CompetitionPublicSerializer(competition).data,
                        status=status.HTTP_201_CREATED)  # fmt: skip

    @extend_schema(request=s.CompetitionUpdateSerializer, responses=s.CompetitionPublicSerializer)
    def partial_update(self, request, slug=None):
        competition = self.get_object()
        data = _valid(s.CompetitionUpdateSerializer, request)
        current = {"name": competition.name, "edition": competition.edition,
                   "organisers": competition.organisers, "description": competition.description,
                   "status": competition.status, "tie_break": competition.tie_break_rules}  # fmt: skip
        domain_call(editions.update_competition, user=request.user, competition=competition,
                    **{**current, **data})  # fmt: skip
        return Response(s.CompetitionPublicSerializer(self.get_object()).data)

    @extend_schema(request=s.GroupRulesInputSerializer, responses=s.CompetitionPublicSerializer)
    @action(detail=True, methods=["post"], url_path="group-rules",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def group_rules(self, request, slug=None):
        competition = self.get_object()
        data = _valid(s.GroupRulesInputSerializer, request)
        group = competition.groups.get(kind=data["group"])
        domain_call(editions.set_group_rules, user=request.user, group=group, rules=data["rules"])
        return Response(s.CompetitionPublicSerializer(self.get_object()).data)

    @extend_schema(request=s.FieldInputSerializer, responses=s.CompetitionPublicSerializer)
    @action(detail=True, methods=["post"], url_path="fields",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def add_field(self, request, slug=None):
        competition = self.get_object()
        data = _valid(s.FieldInputSerializer, request)
        sector = get_object_or_404(Sector, slug=data["sector"])
        domain_call(editions.add_field, user=request.user, competition=competition, sector=sector)
        return Response(s.CompetitionPublicSerializer(self.get_object()).data)

    @extend_schema(request=s.StageInputSerializer, responses={201: s.StagePublicSerializer})
    @action(detail=True, methods=["post"], url_path="stages",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def add_stage(self, request, slug=None):
        competition = self.get_object()
        data = _valid(s.StageInputSerializer, request)
        stage = domain_call(editions.save_stage, user=request.user, competition=competition,
                            **data)  # fmt: skip
        return Response(s.StagePublicSerializer(stage).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.AwardSerializer(many=True))
    @action(
        detail=True, methods=["get"], permission_classes=[RulePermission], pagination_class=None
    )
    def results(self, request, slug=None):
        competition = self.get_object()
        # Never a withdrawn entry's award, for officers neither (they see it on the manage page).
        awards = queries.public_awards(competition).select_related("entry", "group")
        return Response(s.AwardSerializer(awards, many=True).data)

    @extend_schema(responses=s.FiguresSerializer)
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated, RulePermission])
    def figures(self, request, slug=None):
        data = figures.figures(self.get_object())
        data.pop("later")
        return Response(s.FiguresSerializer(data).data)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="check-eligibility",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def check_eligibility(self, request, slug=None):
        counts = domain_call(entries.check_eligibility, user=request.user,
                             competition=self.get_object())  # fmt: skip
        return Response(counts)

    @extend_schema(request=s.SpecialAwardInputSerializer, responses=s.AwardSerializer)
    @action(detail=True, methods=["post"], url_path="special-awards",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def special_award(self, request, slug=None):
        competition = self.get_object()
        data = _valid(s.SpecialAwardInputSerializer, request)
        entry = get_object_or_404(competition.entries, pk=data["entry"])
        award = domain_call(ranking.add_special_award, user=request.user,
                            competition=competition, name=data["name"], entry=entry)  # fmt: skip
        return Response(s.AwardSerializer(award).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PublishInputSerializer, responses=s.CompetitionPublicSerializer)
    @action(detail=True, methods=["post"], url_path="publish-results",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def publish_results(self, request, slug=None):
        data = _valid(s.PublishInputSerializer, request)
        competition = domain_call(ranking.publish_results, user=request.user,
                                  competition=self.get_object(), published=data["published"])  # fmt: skip
        return Response(s.CompetitionPublicSerializer(competition).data)


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class EntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your entries (officers: all; judges retrieve the entries assigned to them). POST enters
    a project; PATCH changes it (its entrant, until ``editable_until``); POST .../withdraw/
    withdraws it with a reason (its entrant); POST .../conflict/ declares a conflict of
    interest (judges)."""

    serializer_class = s.EntrySerializer
    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"retrieve": "competitions.view_entry",
                        "partial_update": "competitions.view_entry",
                        "withdraw": "competitions.view_entry",
                        "conflict": "competitions.declare_conflict"}  # fmt: skip
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filterset_fields = ("status",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Entry.objects.none()
        if self.action in ("retrieve", "conflict", "partial_update", "withdraw"):
            # Who may see one entry is the rule's answer (entrant, officers, its judges).
            return Entry.objects.select_related("competition", "group", "field__sector", "stage")
        qs = queries.entries_for(self.request.user).prefetch_related("members__talent")
        return qs.order_by("competition", "number")

    @extend_schema(request=s.EntryInputSerializer, responses={201: s.EntrySerializer})
    def create(self, request):
        data = _valid(s.EntryInputSerializer, request)
        competition = get_object_or_404(Competition, slug=data["competition"])
        group = competition.groups.filter(kind=data["group"]).first()
        track = competition.fields.filter(pk=data["field"]).first()
        if group is None or track is None:
            raise ApiValidationError({"group": ["Choose a group and a field of this competition."]})
        offer = None
        if data["offer"]:
            offer = Profile.objects.filter(ref=data["offer"].upper()).first()
            if offer is None:
                raise ApiValidationError({"offer": ["No offer has this reference."]})
        members = [
            {**m, "talent": Talent.objects.filter(slug=m["talent"], listed=True).first()
             if m["talent"] else None}
            for m in data["members"]
        ]  # fmt: skip
        entry = domain_call(
            entries.submit_entry, user=request.user, competition=competition, group=group,
            track=track, project_name=data["project_name"], summary=data["summary"],
            country=data["country"].upper(), organisation_name=data["organisation_name"],
            founded_year=data["founded_year"], capital_usd=data["capital_usd"],
            revenue_usd=data["revenue_usd"], pitch_deck=data["pitch_deck"],
            business_plan=data["business_plan"], offer=offer, members=members,
        )  # fmt: skip
        return Response(s.EntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.EntryEditInputSerializer, responses=s.EntrySerializer)
    def partial_update(self, request, pk=None):
        entry = self.get_object()
        serializer = s.EntryEditInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "offer" in data:
            ref = data.pop("offer")
            data["offer"] = Profile.objects.filter(ref=ref.upper()).first() if ref else None
            if ref and data["offer"] is None:
                raise ApiValidationError({"offer": ["No offer has this reference."]})
        entry = domain_call(entries.edit_entry, user=request.user, entry=entry, **data)
        return Response(s.EntrySerializer(entry).data)

    @extend_schema(request=s.WithdrawInputSerializer, responses=s.EntrySerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        entry = self.get_object()
        data = _valid(s.WithdrawInputSerializer, request)
        entry = domain_call(
            entries.withdraw_entry, user=request.user, entry=entry, reason=data["reason"]
        )
        return Response(s.EntrySerializer(entry).data)

    @extend_schema(request=s.ConflictInputSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def conflict(self, request, pk=None):
        entry = self.get_object()
        data = _valid(s.ConflictInputSerializer, request)
        domain_call(judging.declare_conflict, user=request.user, entry=entry, reason=data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class StageViewSet(viewsets.ReadOnlyModelViewSet):
    """Stages of visible editions. Officers: judges, assignment, ranking, decision, the final's
    schedule; everyone: the final's agenda."""

    serializer_class = s.StagePublicSerializer
    permission_classes = [AllowAny]
    permission_rules = {"ranking": OFFICER, "judges": OFFICER, "assign": OFFICER,
                        "decide": OFFICER, "schedule": OFFICER}  # fmt: skip

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Stage.objects.none()
        visible = queries.visible_competitions(self.request.user)
        return Stage.objects.filter(competition__in=visible).select_related("competition")

    @extend_schema(responses=s.RankingRowSerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated, RulePermission])
    def ranking(self, request, pk=None):
        stage = self.get_object()
        rows = ranking.ranking(stage, by_field=not stage.is_final)
        return Response(s.RankingRowSerializer(rows, many=True).data)

    @extend_schema(request=s.JudgeInputSerializer, responses={201: s.JudgeSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated, RulePermission])
    def judges(self, request, pk=None):
        stage = self.get_object()
        data = _valid(s.JudgeInputSerializer, request)
        talent = get_object_or_404(Talent, slug=data["talent"])
        judge = domain_call(judging.add_judge, user=request.user, stage=stage, talent=talent,
                            max_load=data["max_load"])  # fmt: skip
        return Response(s.JudgeSerializer(judge).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.AssignmentSerializer(many=True))
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated, RulePermission])
    def assign(self, request, pk=None):
        made = domain_call(judging.assign_judges, user=request.user, stage=self.get_object())
        return Response(s.AssignmentSerializer(made, many=True).data)

    @extend_schema(request=None, responses=s.AdvancementSerializer(many=True))
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated, RulePermission])
    def decide(self, request, pk=None):
        stage = self.get_object()
        if stage.is_final:
            domain_call(ranking.award_prizes, user=request.user, stage=stage)
        else:
            domain_call(ranking.advance, user=request.user, stage=stage)
        return Response(s.AdvancementSerializer(stage.advancements.all(), many=True).data)

    @extend_schema(request=s.ScheduleInputSerializer, responses=s.PitchSlotSerializer(many=True))
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated, RulePermission])
    def schedule(self, request, pk=None):
        data = _valid(s.ScheduleInputSerializer, request)
        slots = domain_call(final.build_schedule, user=request.user, stage=self.get_object(),
                            **data)  # fmt: skip
        return Response(s.PitchSlotSerializer(slots, many=True).data)

    @extend_schema(responses=s.PitchSlotSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def agenda(self, request, pk=None):
        stage = self.get_object()
        if not stage.is_final:
            raise Http404
        return Response(s.PitchSlotSerializer(final.schedule(stage), many=True).data)


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Judges: the entries assigned to them, with their scores; POST .../score/ scores one.
    Officers see every assignment."""

    serializer_class = s.AssignmentSerializer
    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"score": "competitions.score_assignment"}
    filterset_fields = ("stage",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Assignment.objects.none()
        qs = Assignment.objects.select_related("entry", "judge__talent", "score", "stage")
        if not self.request.user.has_perm(OFFICER):
            qs = qs.filter(judge__talent__user=self.request.user).exclude(
                entry__conflicts__talent__user=self.request.user
            )
        return qs.order_by("stage", "entry__number", "pk")

    @extend_schema(request=s.ScoreInputSerializer, responses=s.AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        assignment = self.get_object()
        data = _valid(s.ScoreInputSerializer, request)
        domain_call(judging.submit_score, user=request.user, assignment=assignment,
                    values=data["values"], comment=data["comment"])  # fmt: skip
        assignment.refresh_from_db()
        return Response(s.AssignmentSerializer(assignment).data)


class CampViewSet(viewsets.ReadOnlyModelViewSet):
    """Officers: camps with cohort and mentors; add an entry, a mentor or a session (sessions,
    attendance and certificates are the programmes' training machinery)."""

    serializer_class = s.CampSerializer
    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"list": OFFICER, "retrieve": OFFICER, "cohort": OFFICER,
                        "mentors": OFFICER, "sessions": OFFICER}  # fmt: skip

    def get_queryset(self):
        return (
            Camp.objects.select_related("competition", "programme")
            .prefetch_related("cohort", "mentors")
            .order_by("pk")
        )

    @extend_schema(request=s.CohortInputSerializer, responses=s.CampSerializer)
    @action(detail=True, methods=["post"])
    def cohort(self, request, pk=None):
        camp = self.get_object()
        data = _valid(s.CohortInputSerializer, request)
        entry = get_object_or_404(camp.competition.entries, pk=data["entry"])
        domain_call(camps.add_to_cohort, user=request.user, camp=camp, entry=entry)
        return Response(s.CampSerializer(self.get_object()).data)

    @extend_schema(request=s.MentorInputSerializer, responses=s.CampSerializer)
    @action(detail=True, methods=["post"])
    def mentors(self, request, pk=None):
        camp = self.get_object()
        data = _valid(s.MentorInputSerializer, request)
        talent = get_object_or_404(Talent, slug=data["talent"])
        domain_call(camps.add_mentor, user=request.user, camp=camp, talent=talent)
        return Response(s.CampSerializer(self.get_object()).data)

    @extend_schema(request=s.SessionInputSerializer, responses={201: dict})
    @action(detail=True, methods=["post"])
    def sessions(self, request, pk=None):
        camp = self.get_object()
        data = _valid(s.SessionInputSerializer, request)
        session = domain_call(camps.add_session, user=request.user, camp=camp, **data)
        return Response({"id": session.pk, "title": session.title, "date": session.date},
                        status=status.HTTP_201_CREATED)  # fmt: skip
