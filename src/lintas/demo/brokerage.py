"""Demo deals, conversations and agreements between the demo organisations.

Listed in lintas.demo.loader.LOADERS; runs after profiles are loaded. Idempotent:
a deal is keyed by (profile, requester organisation), an agreement by its title, and a deal's
history and messages are rewritten on each run.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from lintas.brokerage.enums import CONSENTED_STAGES, Consent, Source, Stage
from lintas.brokerage.models import Agreement, Deal, DealStageChange, Message
from lintas.catalogue.models import Profile
from lintas.core.models import Organisation, User

PATH = {
    Stage.INTEREST: [Stage.INTEREST],
    Stage.INTRODUCED: [Stage.INTEREST, Stage.INTRODUCED],
    Stage.MEETING: [Stage.INTEREST, Stage.INTRODUCED, Stage.MEETING],
    Stage.NEGOTIATING: [Stage.INTEREST, Stage.INTRODUCED, Stage.MEETING, Stage.NEGOTIATING],
    Stage.AGREEMENT: [Stage.INTEREST, Stage.INTRODUCED, Stage.MEETING, Stage.NEGOTIATING,
                      Stage.AGREEMENT],
    Stage.DECLINED: [Stage.INTEREST, Stage.DECLINED],
    Stage.STALLED: [Stage.INTEREST, Stage.INTRODUCED, Stage.STALLED],
}  # fmt: skip

# (offer ref, need ref, stage, days since start, interest message, [messages])
DEALS = [
    ("OF-0062", "ND-0001", Stage.AGREEMENT, 40,
     "Kami petani padi di Indramayu. Apakah galur padi aerob ini cocok untuk sawah tadah hujan "
     "kami yang kadang kena air payau?",
     ["您好！这些品系在广西旱地试种三年，耐旱性好；耐盐性需要在印尼做小区试验。",
      "Terima kasih. Kami siap menyediakan 2 ha untuk uji coba musim tanam Oktober.",
      "We can send 50 kg of seed of two lines under a material transfer agreement."]),
    ("OF-0061", "ND-0023", Stage.AGREEMENT, 120,
     "HTX Tân Long muốn thử nghiệm giống lúa chịu mặn của quý viện tại Sóc Trăng.",
     ["隆海优8号在海南盐碱地示范亩产超过500公斤，可以安排技术人员去越南。",
      "Chúng tôi đồng ý ký hợp đồng chuyển giao và trình diễn 20 ha."]),
    ("OF-0077", "ND-0013", Stage.MEETING, 30,
     "เราส่งออกทุเรียนหมอนทองทางเรือไปจีน ต้องการลดการสูญเสียระหว่างขนส่ง",
     ["Happy to meet at the China-ASEAN Expo in Nanning; we will bring trial data.",
      "ยินดีครับ นัดพบที่บูธของเราได้เลย"]),
    ("OF-0069", "ND-0001", Stage.INTEREST, 3,
     "Pompa tenaga surya tanpa baterai ini menarik. Apakah tahan air payau?", []),
    ("OF-0066", "ND-0028", Stage.AGREEMENT, 150,
     "Chúng tôi cần kéo dài thời gian bảo quản thanh long xuất khẩu đường biển.",
     ["壳聚糖涂膜配合气调包装，海运35天好果率可达90%以上。"]),
    ("OF-0078", "ND-0041", Stage.AGREEMENT, 200,
     "DOST is looking for TR4-tolerant Cavendish lines for Davao trials.",
     ["热蕉9号在海南和老挝示范表现稳定，可以合作开发菲律宾适应性品系。"]),
    ("OF-0052", "ND-0046", Stage.AGREEMENT, 180,
     "Our rice mill needs a 500 kW husk gasifier with clean wastewater treatment.",
     ["A 400 kW unit fits 60 t/day; we propose a turnkey transfer with training."]),
    ("OF-0003", "ND-0008", Stage.DECLINED, 60,
     "Kami mencari pengendali microgrid untuk desa pulau di Maluku.", []),
    ("OF-0001", "ND-0022", Stage.AGREEMENT, 90,
     "ต้องการระบบนำทาง RTK เป๋ยโต่วสำหรับรถแทรกเตอร์ในไร่อ้อย",
     ["We offer installation and a three-year RTK correction service."]),
    ("OF-0016", "ND-0060", Stage.STALLED, 75,
     "我们需要北斗/GPS双模车载终端，用于中马跨境车队。",
     ["可以先提供20台样机测试。"]),
    ("OF-0071", "ND-0041", Stage.NEGOTIATING, 45,
     "DOST would like to test your antagonistic microbial fertiliser against TR4 in Davao.",
     ["可以提供两吨菌肥用于田间试验，并派技术人员指导施用。",
      "Thank you. We are discussing the trial budget and a licence for local production."]),
    ("OF-0018", "ND-0037", Stage.INTRODUCED, 14,
     "Kami berminat dengan dron semburan untuk sawah di Kedah.",
     ["我们可以在吉打安排一次飞防演示。"]),
]  # fmt: skip

# (title, type, party slugs or None to take the deal's, offer ref of the deal or None,
#  signed days ago, value, currency)
AGREEMENTS = [
    ("Salt-tolerant hybrid rice Longhaiyou 8: transfer and 20 ha demonstration in Soc Trang",
     "transfer", None, "OF-0061", 40, "1200000", "CNY"),
    ("Chitosan coating and CA packaging for export dragon fruit: consulting",
     "consulting", None, "OF-0066", 70, "45000", "USD"),
    ("Joint development of TR4-tolerant Cavendish lines for Mindanao",
     "development", None, "OF-0078", 110, "2600000", "CNY"),
    ("Rice-husk gasification plant (400 kW) for Ayeyar rice mill: technology transfer",
     "transfer", None, "OF-0052", 95, "680000", "USD"),
    ("Beidou RTK auto-steering installation and three-year correction service",
     "service", None, "OF-0001", 30, "3900000", "THB"),
    ("Memorandum of understanding on technology transfer cooperation, China–Indonesia",
     "mou", ["s-catt", "s-alih-teknologi"], None, 300, None, ""),
    ("Licence of drought-tolerant aerobic rice lines for Indonesian rainfed uplands",
     "licence", None, "OF-0062", 12, "250000000", "IDR"),
]  # fmt: skip


def _person(org, fallback):
    return User.objects.filter(organisation=org, is_active=True).order_by("id").first() or fallback


def load(log=print) -> dict:
    now = timezone.now()
    broker = User.objects.filter(role="broker").order_by("id").first()
    if broker is None:
        return {}
    profiles = {p.ref: p for p in Profile.objects.select_related("organisation", "created_by")}
    deals = {}
    messages = 0
    for offer_ref, need_ref, stage, days, text, thread in DEALS:
        offer, need = profiles.get(offer_ref), profiles.get(need_ref)
        if offer is None or need is None:
            continue
        start = now - dt.timedelta(days=days)
        requester_org = need.organisation
        requester = _person(requester_org, broker)
        owner = offer.created_by or _person(offer.organisation, broker)
        path = PATH[stage]
        introduced = stage in CONSENTED_STAGES or Stage.INTRODUCED in path
        deal, _created = Deal.objects.update_or_create(
            profile=offer,
            requester_org=requester_org,
            defaults={
                "counterpart_profile": need,
                "requester": requester,
                "owner_org": offer.organisation,
                "broker": offer.broker or broker,
                "message": text,
                "source": Source.SEARCH,
                "owner_consent": Consent.ACCEPTED
                if introduced
                else (Consent.DECLINED if stage == Stage.DECLINED else Consent.PENDING),
                "broker_consent": Consent.NOT_REQUIRED,
                "introduced_at": start + dt.timedelta(days=2) if introduced else None,
                "stage": stage,
                "last_activity_at": now - dt.timedelta(days=40 if stage == Stage.STALLED else 1),
            },
        )
        Deal.objects.filter(pk=deal.pk).update(created_at=start)
        deal.stage_changes.all().delete()
        previous = ""
        step = max(days // max(len(path), 1), 1)
        for i, to in enumerate(path):
            change = DealStageChange.objects.create(
                deal=deal, from_stage=previous, to_stage=to, actor=broker if i else requester
            )
            DealStageChange.objects.filter(pk=change.pk).update(
                at=start + dt.timedelta(days=i * step)
            )
            previous = to
        deal.messages.all().delete()
        for i, body in enumerate(thread if introduced else []):
            author = owner if i % 2 == 0 else requester
            message = Message.objects.create(deal=deal, author=author, body=body)
            Message.objects.filter(pk=message.pk).update(
                created_at=start + dt.timedelta(days=3 + i * 2)
            )
            messages += 1
        deals[offer_ref] = deal
    orgs = {o.slug: o for o in Organisation.objects.all()}
    agreements = 0
    for title, kind, party_slugs, deal_ref, days_ago, value, currency in AGREEMENTS:
        deal = deals.get(deal_ref) if deal_ref else None
        if deal_ref and deal is None:
            continue
        if party_slugs:
            parties = [orgs[s] for s in party_slugs if s in orgs]
        else:
            parties = [deal.requester_org, deal.owner_org]
        if len(parties) < 2:
            continue
        agreement, _created = Agreement.objects.update_or_create(
            title=title,
            defaults={
                "type": kind,
                "signed_on": (now - dt.timedelta(days=days_ago)).date(),
                "value": Decimal(value) if value else None,
                "currency": currency,
                "deal": deal,
                "created_by": broker,
            },
        )
        agreement.parties.set(parties)
        if deal is not None:
            agreement.profiles.set([p for p in (deal.profile, deal.counterpart_profile) if p])
        agreements += 1
    log(f"brokerage: {len(deals)} deals, {messages} messages, {agreements} agreements")
    return {"deals": len(deals), "messages": messages, "agreements": agreements}
