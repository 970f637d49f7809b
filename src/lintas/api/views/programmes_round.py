"""API of the officer's round (issue 19 §2): programmes and calls written by officers, the
eligibility preview, reviewer pools, invitations and conflicts, hosts, training, background
assignment runs, ranking with spread, decisions with a preview, certificates (verified by
anyone), placements' dates. Writes go through the domain, as the pages' do."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.programmes import (
    CallRankingRowSerializer,
    CertificateIssueSerializer,
    CertificatePublicSerializer,
    ConflictSerializer,
    DecisionInputSerializer,
    DecisionPreviewSerializer,
    EligibilityPreviewSerializer,
    HostPublicSerializer,
    HostSerializer,
    InvitationSerializer,
    InviteSerializer,
    PoolAddSerializer,
    PoolMemberSerializer,
    RulesInputSerializer,
    RunInputSerializer,
    RunSerializer,
    TraineeSerializer,
    TrainingSessionSerializer,
    UserFoundSerializer,
)
from lintas.programmes.domain import calls, certificates, pool, review, runs
from lintas.programmes.models import (
    Application,
    AssignmentRun,
    Call,
    Certificate,
    Host,
    Participant,
    Reviewer,
    TrainingSession,
)

OFFICER = "programmes.manage_programmes"


class CallRoundMixin:
    """Officers' actions on one call (mixed into ``CallViewSet``)."""

    def _officer_call(self, slug) -> Call:
        call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
        self.check_object_permissions(self.request, call)
        return call

    @extend_schema(request=RulesInputSerializer, responses=EligibilityPreviewSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="eligibility-preview",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def eligibility_preview(self, request, slug=None):
        """Who among the call's current applicants would pass these rules (nothing saved)."""
        call = self._officer_call(slug)
        data = RulesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = domain_call(
            calls.preview,
            user=request.user,
            call=call,
            rules_data=data.validated_data["eligibility"],
        )
        return Response(EligibilityPreviewSerializer(rows, many=True).data)

    @extend_schema(
        request=PoolAddSerializer,
        responses=PoolMemberSerializer(many=True),
        parameters=[OpenApiParameter("q", str, description="search people to add (GET)")],
    )
    @action(detail=True, methods=["get", "post"], url_path="pool",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def pool(self, request, slug=None):
        """GET: the pool (with ``?q=`` also ``found``: people to add); POST: add someone."""
        call = self._officer_call(slug)
        if request.method == "POST":
            data = PoolAddSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            person = get_object_or_404(get_user_model(), pk=data.validated_data["user"])
            domain_call(
                pool.add_reviewer,
                user=request.user,
                call=call,
                reviewer=person,
                max_load=data.validated_data["max_load"],
                publications=data.validated_data["publications"],
            )
        members = PoolMemberSerializer(call.pool.select_related("user"), many=True).data
        body = {"pool": members}
        if request.query_params.get("q"):
            found = domain_call(
                pool.search_users, user=request.user, query=request.query_params["q"], call=call
            )
            body["found"] = UserFoundSerializer(found, many=True).data
        return Response(body, status=status.HTTP_201_CREATED if request.method == "POST" else 200)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"pool/(?P<member>\d+)",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def pool_remove(self, request, slug=None, member=None):
        call = self._officer_call(slug)
        row = get_object_or_404(
            Reviewer.objects.select_related("user", "call"), pk=member, call=call
        )
        domain_call(pool.remove_reviewer, user=request.user, reviewer=row)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=InviteSerializer, responses=InvitationSerializer)
    @action(detail=True, methods=["post"], url_path="invitations",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def invitations(self, request, slug=None):
        """Invite an external reviewer by e-mail (an existing account is added directly)."""
        call = self._officer_call(slug)
        data = InviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        made = domain_call(
            pool.invite_reviewer, user=request.user, call=call, **data.validated_data
        )
        if isinstance(made, Reviewer):
            return Response(PoolMemberSerializer(made).data, status=status.HTTP_201_CREATED)
        return Response(InvitationSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ConflictSerializer, responses=ConflictSerializer(many=True))
    @action(detail=True, methods=["get", "post"], url_path="conflicts",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def conflicts(self, request, slug=None):
        """GET: declared and recorded conflicts; POST: record one for a reviewer."""
        call = self._officer_call(slug)
        if request.method == "POST":
            data = request.data
            application = get_object_or_404(Application, pk=data.get("application"), call=call)
            person = get_object_or_404(get_user_model(), pk=data.get("reviewer"))
            domain_call(
                pool.record_conflict,
                user=request.user,
                application=application,
                reviewer=person,
                reason=str(data.get("reason", "")),
            )
        from lintas.programmes.models import Conflict

        rows = Conflict.objects.filter(application__call=call).order_by("pk")
        return Response(
            ConflictSerializer(rows, many=True).data,
            status=status.HTTP_201_CREATED if request.method == "POST" else 200,
        )

    @extend_schema(request=None, responses=CallRankingRowSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="ranking",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def ranking(self, request, slug=None):
        """Applications by mean score, with the spread between reviewers and a disagreement flag."""
        call = self._officer_call(slug)
        return Response(CallRankingRowSerializer(review.ranking(call), many=True).data)

    @extend_schema(request=DecisionInputSerializer, responses=DecisionPreviewSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="decisions",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def decisions(self, request, slug=None):
        """Without ``confirm``: the e-mail each applicant would get (nothing saved). With
        ``confirm``: decide them all, or none (400 naming the application that blocks)."""
        call = self._officer_call(slug)
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        chosen = list(
            Application.objects.filter(call=call, pk__in=data.validated_data["applications"])
            .select_related("applicant", "call")
            .prefetch_related("reviews")
            .order_by("pk")
        )
        kwargs = {"user": request.user, "applications": chosen,
                  "decision": data.validated_data["decision"]}  # fmt: skip
        rows = domain_call(review.preview_decisions, **kwargs)
        if data.validated_data["confirm"]:
            domain_call(
                review.decide_batch,
                override_reason=data.validated_data.get("override_reason", ""),
                **kwargs,
            )
        return Response(DecisionPreviewSerializer(rows, many=True).data)


class RunViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                 viewsets.GenericViewSet):  # fmt: skip
    """Background reviewer assignment and host matching: POST starts one, GET follows it."""

    serializer_class = RunSerializer
    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"list": OFFICER, "retrieve": OFFICER, "create": OFFICER}
    queryset = AssignmentRun.objects.select_related("call").order_by("-pk")

    def get_object(self):
        run = super().get_object()
        if not self.request.user.has_perm(OFFICER):
            self.permission_denied(self.request)
        return run

    @extend_schema(request=RunInputSerializer, responses={202: RunSerializer})
    def create(self, request):
        data = RunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call = get_object_or_404(Call, slug=data.validated_data["call"])
        run = domain_call(
            runs.start_run, user=request.user, call=call, kind=data.validated_data["kind"]
        )
        run.refresh_from_db()
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class _DomainWriteViewSet(viewsets.ModelViewSet):
    """Create/update/delete through a domain function; subclasses name them."""

    permission_classes = [IsAuthenticated, RulePermission]

    def perform_create(self, serializer):
        serializer.instance = self.save(serializer.validated_data, None)

    def perform_update(self, serializer):
        serializer.instance = self.save(serializer.validated_data, serializer.instance)


class HostViewSet(_DomainWriteViewSet):
    """Host laboratories: anyone reads (as the programme page shows them); officers write."""

    queryset = Host.objects.select_related("programme", "organisation").order_by("pk")
    permission_classes = [RulePermission]
    permission_rules = {"create": OFFICER, "update": OFFICER, "partial_update": OFFICER,
                        "destroy": OFFICER}  # fmt: skip
    filterset_fields = ("programme__slug",)

    def get_serializer_class(self):
        if self.request.user.has_perm(OFFICER):
            return HostSerializer
        return HostPublicSerializer

    def save(self, data, host):
        programme = data.pop("programme", None) or host.programme
        current = {} if host is None else {
            k: getattr(host, k) for k in ("name", "organisation", "supervisor", "supervisor_email",
                                          "capacity", "research_areas")
        }  # fmt: skip
        return domain_call(
            pool.save_host,
            user=self.request.user,
            programme=programme,
            data=current | data,
            host=host,
        )

    def perform_destroy(self, instance):
        domain_call(pool.delete_host, user=self.request.user, host=instance)


class SessionViewSet(_DomainWriteViewSet):
    """Training sessions (officers)."""

    queryset = TrainingSession.objects.select_related("programme").order_by("date", "pk")
    serializer_class = TrainingSessionSerializer
    permission_rules = dict.fromkeys(
        ("list", "retrieve", "create", "update", "partial_update", "destroy"), OFFICER
    )

    def save(self, data, session):
        programme = data.pop("programme", None) or session.programme
        return domain_call(
            pool.save_session,
            user=self.request.user,
            programme=programme,
            data=data,
            session=session,
        )

    def perform_destroy(self, instance):
        domain_call(pool.delete_session, user=self.request.user, session=instance)


class TraineeViewSet(_DomainWriteViewSet):
    """Trainees of training programmes (officers)."""

    queryset = Participant.objects.select_related("programme").order_by("pk")
    serializer_class = TraineeSerializer
    permission_rules = dict.fromkeys(
        ("list", "retrieve", "create", "update", "partial_update", "destroy"), OFFICER
    )

    def save(self, data, trainee):
        programme = data.pop("programme", None) or trainee.programme
        return domain_call(
            pool.save_trainee,
            user=self.request.user,
            programme=programme,
            data=data,
            trainee=trainee,
        )

    def perform_destroy(self, instance):
        domain_call(pool.delete_trainee, user=self.request.user, trainee=instance)


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):  # fmt: skip
    """Anyone verifies a certificate by its number; officers list and issue them."""

    queryset = Certificate.objects.select_related("programme").order_by("-pk")
    serializer_class = CertificatePublicSerializer
    lookup_field = "number"
    lookup_value_regex = r"[A-Za-z0-9-]+"
    permission_classes = [RulePermission]
    permission_rules = {"list": OFFICER, "create": OFFICER}

    def get_permissions(self):
        if self.action == "retrieve":
            return [AllowAny()]
        return super().get_permissions()

    def get_object(self):
        found = certificates.lookup(self.kwargs["number"])
        if found is None:
            from django.http import Http404

            raise Http404
        return found

    @extend_schema(request=CertificateIssueSerializer, responses={201: CertificatePublicSerializer})
    def create(self, request):
        data = CertificateIssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data.get("application"):
            target = get_object_or_404(
                Application.objects.select_related("call__programme"),
                pk=data.validated_data["application"],
            )
            made = domain_call(
                certificates.issue_for_application, user=request.user, application=target
            )
        else:
            target = get_object_or_404(Participant, pk=data.validated_data["participant"])
            made = domain_call(
                certificates.issue_for_trainee, user=request.user, participant=target
            )
        return Response(CertificatePublicSerializer(made).data, status=status.HTTP_201_CREATED)
