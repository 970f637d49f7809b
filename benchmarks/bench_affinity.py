"""Expertise-affinity dev check on a small home-made set (honest about its size).

Eight research topics of the network's sectors, five short paper-like abstracts each,
written for this check in English, Chinese, Indonesian, Malay and Vietnamese. Per topic
the first three texts form the expert pool and the last two are the documents. Each
expert owns two texts of a primary topic and possibly one text of a secondary topic;
graded relevance of a document to an expert is

    3 = document on the expert's primary topic
    2 = on their secondary topic
    1 = on a topic related to their primary one (same sector)
    0 = otherwise

Loss (Stelmakh et al., 2023, "A Gold Standard Dataset for the Reviewer Assignment
Problem"): over pairs with different grades, the share (weighted by grade difference)
that the scores order wrongly, ties counting one half. Reported per expert (rank
documents for one expert, Stelmakh's setting) and per document (rank experts for one
document, what reviewer assignment needs). Lower is better; the baseline is the cosine
to the centroid of the expert's texts (no language centring).

The set is small and constructed: relevance follows the construction, texts were not
written adversarially, and 10 experts x 16 documents cannot separate close variants.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_affinity.py
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

import numpy as np

from lintas.matching import affinity as aff
from lintas.matching.encoder import E5Encoder

TOPICS: dict[str, list[str]] = {
    "solar": [
        "Perovskite solar cells with a self-assembled monolayer hole-transport layer reach 24% power conversion efficiency and keep 90% of it after 1,000 hours of damp-heat testing.",
        "钙钛矿/晶硅叠层太阳能电池的界面钝化研究：通过引入二维钙钛矿层，开路电压提高了40毫伏，组件在户外运行一年后效率衰减低于5%。",
        "Pengaruh suhu tinggi dan debu terhadap kinerja panel surya fotovoltaik di daerah tropis: data pemantauan dua tahun dari pembangkit listrik tenaga surya atap di Makassar.",
        "Anti-soiling coatings for photovoltaic modules in humid tropical climates reduce cleaning frequency and raise annual energy yield of rooftop solar arrays.",
        "Nghiên cứu pin mặt trời perovskite bền nhiệt: lớp đóng gói mới giúp tế bào quang điện giữ hiệu suất ổn định ở 85 độ C.",
    ],
    "battery": [
        "Sodium-ion battery cathodes from layered oxides: cycling stability over 2,000 cycles and cost analysis versus lithium iron phosphate for grid storage.",
        "锂离子电池热失控预警方法：基于多传感器融合的储能电站电池管理系统，可提前十分钟识别故障电芯。",
        "Second-life electric vehicle batteries for off-grid energy storage on islands: state-of-health estimation and battery management strategies.",
        "Sistem penyimpanan tenaga bateri litium untuk grid mikro luar bandar: pengurusan cas dan nyahcas serta anggaran jangka hayat bateri.",
        "A solid-state electrolyte for lithium metal batteries that suppresses dendrite growth and supports fast charging at room temperature.",
    ],
    "rice": [
        "Marker-assisted breeding of salt-tolerant rice varieties for the Mekong Delta: introgression of the Saltol locus into high-yield cultivars.",
        "水稻抗稻瘟病基因的精细定位与分子标记辅助育种，新品系在广西田间试验中增产12%。",
        "Pemuliaan padi tahan kekeringan menggunakan penanda molekuler dan seleksi genomik untuk lahan tadah hujan di Nusa Tenggara.",
        "Chọn tạo giống lúa chịu mặn bằng chỉ thị phân tử cho vùng đồng bằng sông Cửu Long, năng suất ổn định trong điều kiện nhiễm mặn.",
        "Genomic selection for grain yield and submergence tolerance in rice breeding programmes of South-East Asia.",
    ],
    "aquaculture": [
        "Early detection of acute hepatopancreatic necrosis disease in shrimp ponds using a portable PCR assay and water quality monitoring.",
        "Nuôi tôm thẻ chân trắng trong hệ thống tuần hoàn khép kín: quản lý chất lượng nước và giảm dịch bệnh trên tôm.",
        "罗非鱼池塘养殖的智能投喂系统：根据溶解氧和水温自动调整饲料量，饲料系数降低15%。",
        "Biofloc technology for intensive white-leg shrimp farming reduces water exchange and improves survival against vibrio infections.",
        "Budidaya udang vaname dengan sistem resirkulasi dan probiotik untuk menekan penyakit dan meningkatkan kualitas air tambak.",
    ],
    "wastewater": [
        "Anaerobic digestion of palm oil mill effluent in covered lagoons captures methane for electricity and cuts chemical oxygen demand by 90%.",
        "Pengolahan limbah cair pabrik kelapa sawit dengan reaktor biogas dan pemanfaatan lumpur sebagai pupuk organik.",
        "工业废水膜生物反应器处理技术：针对印染废水的高效脱色与回用，出水达到一级A标准。",
        "Constructed wetlands for treating domestic wastewater in small towns: nitrogen and phosphorus removal in tropical conditions.",
        "Rawatan efluen kilang minyak sawit menggunakan sistem anaerobik berkadar tinggi untuk menghasilkan biogas dan mengurangkan pencemaran sungai.",
    ],
    "diagnostics": [
        "A lateral-flow rapid test for dengue NS1 antigen and IgM antibodies with smartphone readout for rural clinics.",
        "基于CRISPR的核酸快速检测平台，可在三十分钟内现场检测登革热和寨卡病毒。",
        "Tes diagnostik cepat berbasis kertas untuk deteksi tuberkulosis di puskesmas daerah terpencil.",
        "Xét nghiệm nhanh kháng nguyên virus sốt xuất huyết tại điểm chăm sóc, độ nhạy cao và không cần phòng thí nghiệm.",
        "Loop-mediated isothermal amplification for point-of-care detection of malaria parasites in low-resource settings.",
    ],
    "herbal": [
        "Anti-inflammatory compounds isolated from Andrographis paniculata: bioassay-guided fractionation and standardised extract production.",
        "中药复方抗肝纤维化的活性成分筛选与质量控制，采用高效液相色谱指纹图谱。",
        "Standardisasi ekstrak temulawak sebagai obat herbal terstandar untuk perlindungan fungsi hati.",
        "Nghiên cứu hoạt chất chống viêm từ cây xuyên tâm liên và quy trình sản xuất cao chiết chuẩn hóa.",
        "Quality control of traditional herbal medicines using chromatographic fingerprinting and DNA barcoding of raw plant material.",
    ],
    "translation": [
        "Neural machine translation for low-resource South-East Asian languages: back-translation and multilingual pre-training for Khmer and Lao.",
        "面向东盟小语种的神经机器翻译系统，利用多语言预训练模型提升老挝语和缅甸语的翻译质量。",
        "Pengenalan suara otomatis untuk bahasa daerah Indonesia dengan data latih terbatas dan model akustik multibahasa.",
        "Cross-lingual sentence embeddings for matching technology documents written in Chinese, Thai and Vietnamese.",
        "Hệ thống dịch máy thần kinh Việt - Trung cho văn bản kỹ thuật, sử dụng mô hình đa ngôn ngữ được huấn luyện trước.",
    ],
}
RELATED = {
    "solar": {"battery"},
    "battery": {"solar"},
    "rice": {"aquaculture"},
    "aquaculture": {"rice"},
    "diagnostics": {"herbal"},
    "herbal": {"diagnostics"},
    "wastewater": set(),
    "translation": set(),
}
POOL, DOCS = slice(0, 3), slice(3, 5)
# (primary topic, indices of its pool texts, secondary topic or None, index of that pool text)
EXPERTS = [
    ("solar", (0, 1), "battery", 2),
    ("battery", (0, 1), None, None),
    ("rice", (0, 2), "aquaculture", 1),
    ("aquaculture", (0, 2), "wastewater", 0),
    ("wastewater", (1, 2), None, None),
    ("diagnostics", (0, 1), "herbal", 2),
    ("herbal", (0, 1), "diagnostics", 2),
    ("translation", (0, 1), "diagnostics", 0),
    ("solar", (1, 2), None, None),
    ("aquaculture", (1, 2), "translation", 2),
]


def build():
    experts, documents, doc_topics = [], [], []
    for topic, texts in TOPICS.items():
        for text in texts[DOCS]:
            documents.append(text)
            doc_topics.append(topic)
    grades = np.zeros((len(EXPERTS), len(documents)))
    for e, (primary, idx, secondary, sidx) in enumerate(EXPERTS):
        texts = [TOPICS[primary][POOL][i] for i in idx]
        if secondary:
            texts.append(TOPICS[secondary][POOL][sidx])
        experts.append(texts)
        for d, topic in enumerate(doc_topics):
            if topic == primary:
                grades[e, d] = 3
            elif topic == secondary:
                grades[e, d] = 2
            elif topic in RELATED[primary]:
                grades[e, d] = 1
    return experts, documents, grades


def pair_loss(scores: np.ndarray, grades: np.ndarray) -> float:
    """Weighted share of mis-ordered pairs within each row (ties count one half)."""
    wrong = total = 0.0
    for s_row, g_row in zip(scores, grades, strict=True):
        for i, j in itertools.combinations(range(len(g_row)), 2):
            if g_row[i] == g_row[j]:
                continue
            weight = abs(g_row[i] - g_row[j])
            total += weight
            agree = (s_row[i] - s_row[j]) * (g_row[i] - g_row[j])
            wrong += weight * (1.0 if agree < 0 else 0.5 if agree == 0 else 0.0)
    return wrong / total if total else 0.0


class MemoEncoder:
    """Encodes each text once across all variants (the variants differ only after encoding)."""

    def __init__(self, inner: E5Encoder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self._memo: dict[str, np.ndarray] = {}

    def encode_passages(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            self._memo.update(zip(missing, self.inner.encode_passages(missing), strict=True))
        return np.stack([self._memo[t] for t in texts])


def main() -> int:
    experts, documents, grades = build()
    encoder = MemoEncoder(E5Encoder())
    plain = {"centring": False}
    variants = [("centroid (baseline)", {"method": "centroid", **plain})]
    variants += [("mean of cosines", {"method": "mean", **plain})]
    variants += [("max", {"method": "max", **plain})]
    variants += [("top-2 mean", {"method": "topk", "top_k": 2, **plain})]
    variants += [
        (f"softmax T={t}", {"method": "softmax", "temperature": t, **plain}) for t in (0.05, 0.1)
    ]
    variants += [
        ("centred centroid", {"method": "centroid"}),
        ("centred max", {"method": "max"}),
        ("centred top-2 mean", {"method": "topk", "top_k": 2}),
        ("centred softmax T=0.05", {"method": "softmax", "temperature": 0.05}),
        ("centred softmax T=0.1", {"method": "softmax"}),
        ("centred softmax T=0.1 + lexical 0.1", {"method": "softmax", "lexical_weight": 0.1}),
        ("centred centroid+max (DEFAULT)", {}),
        ("lexical only (trigram TF-IDF, max)", {"method": "max", "lexical_weight": 1.0, **plain}),
    ]
    start = time.perf_counter()
    print(f"{len(experts)} experts x {len(documents)} documents, {len(TOPICS)} topics")
    print(f"{'variant':38} {'loss/expert':>11} {'loss/document':>13}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_affinity_papers import before_issue_18

    scores = before_issue_18(experts, documents, encoder)
    name = "default before issue 18 (baseline)"
    print(f"{name:38} {pair_loss(scores, grades):11.3f} {pair_loss(scores.T, grades.T):13.3f}")
    for name, options in variants:
        scores = aff.affinity_matrix(experts, documents, encoder=encoder, **options)
        print(f"{name:38} {pair_loss(scores, grades):11.3f} {pair_loss(scores.T, grades.T):13.3f}")
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
