"""Demo campaign "1,000 technologies for ASEAN", loaded by ``lintas loaddemo``.

Listed in lintas.demo.loader.LOADERS after talents (it needs the catalogue's offers and the
engine's matches) and before the insights summary. Idempotent: keyed on the campaign tag; a
second run updates the settings, briefs and offers in place.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

TAG = "asean-1000"
ASEAN = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"]

# Title and introduction per country language (docs/campaigns.md, "Briefs").
BRIEFS = {
    "en": ("1,000 technologies for ASEAN",
           "Advanced and applicable technologies in sustainable fields, selected by the China-ASEAN "
           "Technology Transfer Center and introduced in every ASEAN country. Open an offer and "
           "express interest: the owner decides whether to be introduced, then contacts are shared."),
    "zh": ("面向东盟的1000项先进适用技术",
           "中国—东盟技术转移中心在可持续发展领域遴选的先进适用技术，统一向东盟各国推介。打开一项技术并表达意向："
           "技术持有方同意对接后，双方即可获得联系方式。"),
    "id": ("1.000 teknologi untuk ASEAN",
           "Teknologi maju dan tepat guna di bidang berkelanjutan, dipilih oleh Pusat Alih Teknologi "
           "Tiongkok-ASEAN dan diperkenalkan di semua negara ASEAN. Buka penawaran dan nyatakan minat: "
           "pemilik memutuskan apakah mau diperkenalkan, lalu kontak dibagikan."),
    "ms": ("1,000 teknologi untuk ASEAN",
           "Teknologi termaju dan sesuai guna dalam bidang mampan, dipilih oleh Pusat Pemindahan "
           "Teknologi China-ASEAN dan diperkenalkan di setiap negara ASEAN. Buka tawaran dan nyatakan "
           "minat: pemilik memutuskan sama ada mahu diperkenalkan, kemudian kenalan dikongsi."),
    "th": ("1,000 เทคโนโลยีสำหรับอาเซียน",
           "เทคโนโลยีขั้นสูงที่นำไปใช้ได้จริงในสาขาที่ยั่งยืน คัดเลือกโดยศูนย์ถ่ายทอดเทคโนโลยีจีน-อาเซียน "
           "และแนะนำในทุกประเทศอาเซียน เปิดข้อเสนอและแสดงความสนใจ: เจ้าของตัดสินใจว่าจะรับการแนะนำหรือไม่ "
           "จากนั้นจึงแบ่งปันข้อมูลติดต่อ"),
    "vi": ("1.000 công nghệ cho ASEAN",
           "Các công nghệ tiên tiến, phù hợp trong những lĩnh vực bền vững, do Trung tâm Chuyển giao "
           "Công nghệ Trung Quốc - ASEAN lựa chọn và giới thiệu tại mọi nước ASEAN. Mở một chào bán "
           "và bày tỏ quan tâm: chủ sở hữu quyết định có kết nối hay không, sau đó thông tin liên hệ "
           "mới được chia sẻ."),
    "fil": ("1,000 teknolohiya para sa ASEAN",
            "Mga makabago at magagamit na teknolohiya sa mga larangang sustainable, pinili ng China-ASEAN "
            "Technology Transfer Center at ipinakikilala sa bawat bansa ng ASEAN. Buksan ang alok at "
            "ipahayag ang interes: ang may-ari ang magpapasya kung magpapakilala, saka ibabahagi ang contact."),
    "km": ("បច្ចេកវិទ្យា ១០០០ សម្រាប់អាស៊ាន",
           "បច្ចេកវិទ្យាទំនើប និងអាចអនុវត្តបាន ក្នុងវិស័យប្រកបដោយចីរភាព ដែលមជ្ឈមណ្ឌលផ្ទេរបច្ចេកវិទ្យាចិន-អាស៊ាន "
           "បានជ្រើសរើស និងណែនាំនៅគ្រប់ប្រទេសអាស៊ាន។ បើកការផ្តល់ជូន ហើយបង្ហាញចំណាប់អារម្មណ៍៖ "
           "ម្ចាស់សម្រេចថាតើត្រូវណែនាំឬអត់ បន្ទាប់មកទើបចែករំលែកព័ត៌មានទំនាក់ទំនង។"),
    "lo": ("ເຕັກໂນໂລຊີ 1.000 ລາຍການ ສຳລັບອາຊຽນ",
           "ເຕັກໂນໂລຊີທີ່ທັນສະໄໝ ແລະ ນຳໃຊ້ໄດ້ຈິງ ໃນຂົງເຂດທີ່ຍືນຍົງ ທີ່ສູນຖ່າຍທອດເຕັກໂນໂລຊີຈີນ-ອາຊຽນ "
           "ຄັດເລືອກ ແລະ ແນະນຳໃນທຸກປະເທດອາຊຽນ. ເປີດຂໍ້ສະເໜີ ແລະ ສະແດງຄວາມສົນໃຈ: "
           "ເຈົ້າຂອງຕັດສິນວ່າຈະຮັບການແນະນຳຫຼືບໍ່ ຈາກນັ້ນຈຶ່ງແບ່ງປັນຂໍ້ມູນຕິດຕໍ່."),
    "my": ("အာဆီယံအတွက် နည်းပညာ ၁၀၀၀",
           "တရုတ်-အာဆီယံ နည်းပညာလွှဲပြောင်းရေးစင်တာက ရေရှည်တည်တံ့သော နယ်ပယ်များတွင် ရွေးချယ်ထားသော "
           "ခေတ်မီပြီး အသုံးချနိုင်သည့် နည်းပညာများကို အာဆီယံနိုင်ငံတိုင်းတွင် မိတ်ဆက်သည်။ "
           "ကမ်းလှမ်းချက်ကို ဖွင့်ပြီး စိတ်ဝင်စားကြောင်း ဖော်ပြပါ၊ ပိုင်ရှင်က သဘောတူမှသာ ဆက်သွယ်ရန် အချက်အလက်ကို မျှဝေသည်။"),
}  # fmt: skip


@transaction.atomic
def load(log=print) -> dict:
    """The demo campaign, run by ``broker`` and ``broker-id``: every published demo offer goes to
    the ASEAN countries it targets (offers from that country itself excepted), with a brief per
    country language."""
    from lintas.campaigns.models import Campaign, CampaignBrief, CampaignOffer
    from lintas.catalogue.domain.translations import country_languages
    from lintas.catalogue.enums import ProfileKind, ProfileStatus
    from lintas.catalogue.models import Profile
    from lintas.core.models import Sector, User

    brokers = list(User.objects.filter(username__in=("broker", "broker-id")).order_by("id"))
    if not brokers:
        return {}
    today = dt.date.today()
    campaign, _created = Campaign.objects.update_or_create(
        slug=TAG,
        defaults={
            "name": BRIEFS["en"][0],
            "goal": 1000,
            "countries": ASEAN,
            "starts_on": dt.date(today.year, 1, 1),
            "ends_on": dt.date(today.year + 2, 12, 31),
            "published": True,
            "created_by": brokers[0],
        },
    )
    campaign.brokers.set(brokers)
    campaign.sectors.set(Sector.objects.all())
    for country in ASEAN:
        for language in country_languages(country):
            title, introduction = BRIEFS[language]
            CampaignBrief.objects.update_or_create(
                campaign=campaign,
                country=country,
                language=language,
                defaults={"title": title, "introduction": introduction, "written_by": brokers[0]},
            )
    entries = 0
    offers = Profile.objects.filter(
        kind=ProfileKind.OFFER, status=ProfileStatus.PUBLISHED
    ).select_related("organisation")
    for offer in offers:
        countries = [
            c
            for c in ASEAN
            if c in (offer.target_countries or []) and c != offer.organisation.country
        ]
        if not countries:
            continue
        CampaignOffer.objects.update_or_create(
            campaign=campaign,
            profile=offer,
            defaults={
                "countries": countries,
                "source": CampaignOffer.Source.DEMO,
                "added_by": brokers[0],
            },
        )
        entries += 1
    log(f"campaign {TAG}: {entries} offers for {len(ASEAN)} countries")
    return {"campaign offers": entries}
