# ruff: noqa: RUF001 - the phrases quote the article text exactly, curly apostrophes included
"""Demo content: the seed article's metadata and the claims checked in it.

The article text (``article.txt``) is a machine-paraphrased copy of Michael Hiltzik's column in
the Los Angeles Times of late January 2025, so its wording is odd ("inventory market worth" for
"stock market value"). Each ``phrase`` below is quoted exactly as it stands in that text; the
loader checks that it occurs there (exactly once, or at ``occurrence``, counted from 0) before
it writes anything. ``claim_text`` restates the claim in plain English.

Rationales summarise public reporting and primary sources available in January 2025.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from factcheck.claims.models import ClaimStatus

# Where each claim ends up: a claim status, or "corrected" (not a status of its own: published,
# then corrected with a public note).
DRAFT, SUBMITTED = ClaimStatus.DRAFT, ClaimStatus.SUBMITTED
CHANGES_REQUESTED, APPROVED = ClaimStatus.CHANGES_REQUESTED, ClaimStatus.APPROVED
PUBLISHED, CORRECTED = ClaimStatus.PUBLISHED, "corrected"

ARTICLE = {
    "title": "OpenAI accuses DeepSeek of copying its AI models, as AI firms face copyright suits",
    "publisher": "Los Angeles Times",
    "author": "Michael Hiltzik",
    # The text dates itself only as written after "Jan. 27" (2025) and after OpenAI's distillation
    # accusation (reported Jan. 28-29); we do not invent an exact publication date or source URL.
    "published_on": None,
    "url": "",
    "language": "en",
}


@dataclass(frozen=True)
class Evidence:
    url: str
    title: str
    publisher: str
    stance: str  # supports | refutes | context
    accessed_on: date
    excerpt: str = ""


@dataclass(frozen=True)
class Correction:
    note: str  # public: shown in the correction history
    rationale: str | None = None
    verdict: str | None = None


@dataclass(frozen=True)
class DemoClaim:
    phrase: str
    claim_text: str
    claimant: str
    verdict: str
    rationale: str
    evidence: tuple[Evidence, ...]
    author: str  # a reviewer's username
    status: str
    approver: str = ""  # editor who approves (or requests changes)
    publisher: str = ""  # editor who publishes (and corrects)
    review_note: str = ""
    correction: Correction | None = None
    comments: tuple[tuple[str, str], ...] = ()  # (username, text)
    tags: tuple[str, ...] = ()
    occurrence: int | None = None


CNBC_NVIDIA = "https://www.cnbc.com/2025/01/27/nvidia-sheds-almost-600-billion-in-market-cap-biggest-drop-ever.html"
DEEPSEEK_V3 = "https://arxiv.org/abs/2412.19437"
DEEPSEEK_R1 = "https://arxiv.org/abs/2501.12948"
JAN29, JAN30, JAN31 = date(2025, 1, 29), date(2025, 1, 30), date(2025, 1, 31)

_cnbc = Evidence(
    CNBC_NVIDIA,
    "Nvidia sheds almost $600 billion in market cap, biggest one-day loss in U.S. history",
    "CNBC",
    "supports",
    JAN29,
    "The chipmaker's stock price plummeted 17% to close at $118.58. ... the stock's drop Monday "
    "led a 3.1% slide in the tech-heavy Nasdaq.",
)
_v3_report = Evidence(
    DEEPSEEK_V3,
    "DeepSeek-V3 Technical Report",
    "arXiv (DeepSeek-AI)",
    "supports",
    JAN30,
    "Note that the aforementioned costs include only the official training of DeepSeek-V3, "
    "excluding the costs associated with prior research and ablation experiments on "
    "architectures, algorithms, or data.",
)

CLAIMS: tuple[DemoClaim, ...] = (
    DemoClaim(
        phrase="misplaced almost $600 billion, or 17%, in inventory market worth, the most "
        "important one-day market drop for any U.S. inventory, ever",
        claim_text="Nvidia lost nearly $600 billion, or 17%, of its stock market value in one "
        "day, the largest one-day drop for any U.S. stock ever.",
        claimant="Michael Hiltzik, Los Angeles Times",
        verdict="true",
        rationale=(
            "Nvidia's shares fell about **17%** on Monday, Jan. 27, 2025, closing at $118.58, "
            "which cut the company's market value by roughly $590 billion: \"nearly $600 "
            'billion" is a fair rounding.\n\n'
            "No U.S. company had ever lost as much market value in a single day. The previous "
            "record, about $279 billion, was also Nvidia's (Sept. 3, 2024)."
        ),
        evidence=(
            _cnbc,
            Evidence(
                "https://www.nasdaq.com/market-activity/stocks/nvda/historical",
                "NVDA historical prices",
                "Nasdaq",
                "context",
                JAN29,
            ),
        ),
        author="reviewer",
        status=PUBLISHED,
        approver="editor",
        publisher="editor2",
        tags=("markets", "nvidia"),
    ),
    DemoClaim(
        phrase="The loss worn out the earlier report, a $279-billion loss suffered final "
        "September by, sure, Nvidia.",
        claim_text="The previous record one-day loss was Nvidia's own $279 billion drop in "
        "September 2024.",
        claimant="Michael Hiltzik, Los Angeles Times",
        verdict="true",
        rationale=(
            "On Sept. 4, 2024, Nvidia's shares fell about 9.5%, erasing roughly **$279 "
            "billion** of market value, then the largest one-day loss for any U.S. company. "
            "The Jan. 27, 2025, drop more than doubled it."
        ),
        evidence=(
            Evidence(
                "https://www.entrepreneur.com/business-news/nvidia-ceo-jensen-huang-lost-"
                "10-billion-in-1-day/479390",
                "Nvidia CEO Jensen Huang Lost $10 Billion in 1 Day",
                "Entrepreneur",
                "supports",
                JAN29,
                "Nvidia's stock faced an unprecedented drop on Tuesday, wiping off $279 "
                "billion in market value, the largest one-day loss in U.S. history.",
            ),
            replace(_cnbc, stance="context"),
        ),
        author="reviewer2",
        status=CORRECTED,
        approver="editor2",
        publisher="editor",
        correction=Correction(
            note="Corrected the date of the previous record: Nvidia's $279 billion drop "
            "happened on Tuesday, Sept. 3, 2024, not Sept. 4 as an earlier version said. "
            "The verdict is unchanged.",
            rationale=(
                "On Tuesday, Sept. 3, 2024, Nvidia's shares fell about 9.5%, erasing roughly "
                "**$279 billion** of market value, then the largest one-day loss for any U.S. "
                "company. The Jan. 27, 2025, drop more than doubled it.\n\n"
                "*Corrected: an earlier version gave the date as Sept. 4.*"
            ),
        ),
        tags=("markets", "nvidia"),
    ),
    DemoClaim(
        phrase="a serious 3% downdraft within the Nasdaq index",
        claim_text="The sell-off caused a 3% fall in the Nasdaq index.",
        claimant="Michael Hiltzik, Los Angeles Times",
        verdict="true",
        rationale=(
            "The Nasdaq Composite closed down about **3.1%** on Jan. 27, 2025, led by Nvidia "
            "and other chip and AI-related stocks; the broader S&P 500 lost about 1.5%. "
            '"A 3% downdraft" is accurate.'
        ),
        evidence=(
            _cnbc,
            Evidence(
                "https://www.nasdaq.com/market-activity/index/comp/historical",
                "Nasdaq Composite (COMP) historical data",
                "Nasdaq",
                "context",
                JAN29,
            ),
        ),
        author="reviewer2",
        status=PUBLISHED,
        approver="editor",
        publisher="editor2",
        tags=("markets",),
    ),
    DemoClaim(
        phrase="DeepSeek’s declare to have developed its AI device for lower than $5.6 million "
        "is deceptive at finest",
        claim_text="DeepSeek claimed to have developed its AI tool for less than $5.6 million.",
        claimant="Michael Hiltzik, Los Angeles Times (describing DeepSeek's claim)",
        verdict="half-true",
        rationale=(
            "DeepSeek did publish a figure of about $5.6 million, but not for developing its "
            "AI. Its DeepSeek-V3 technical report (December 2024) prices the **final training "
            "run** of V3, the base model behind R1, at 2.788 million H800 GPU hours, or "
            "$5.576 million at an assumed rental rate of $2 per GPU hour, and says the figure "
            "excludes prior research and ablation experiments.\n\n"
            "The column is right that the number leaves out most of the cost of building the "
            "model, but it was much of the coverage, not DeepSeek, that presented it as a "
            "development cost."
        ),
        evidence=(_v3_report,),
        author="reviewer",
        status=APPROVED,
        approver="editor2",
        tags=("deepseek", "ai-costs"),
    ),
    DemoClaim(
        phrase="That’s the determine DeepSeek has given for coaching its mannequin, the step "
        "that comes after years of analysis and improvement.",
        claim_text="$5.6 million is DeepSeek's figure for training its model, the step that "
        "follows years of research and development.",
        claimant="Michael Hiltzik, Los Angeles Times",
        verdict="mostly-true",
        rationale=(
            "Correct in substance: DeepSeek's figure covers pre-training, context extension "
            "and post-training of V3 and, by the report's own account, excludes earlier "
            "research.\n\n"
            "Two caveats: the figure is for **V3**, the base model; the R1 paper (January "
            "2025) gives no cost for R1's additional reinforcement-learning stage. And it is "
            "a GPU-rental estimate, not what DeepSeek actually spent on hardware, which is "
            'not public. DeepSeek itself was founded in 2023, so "years" of research '
            "mostly refers to its parent company's earlier work."
        ),
        evidence=(
            _v3_report,
            Evidence(
                DEEPSEEK_R1,
                "DeepSeek-R1: Incentivizing Reasoning Capability in LLMs "
                "via Reinforcement Learning",
                "arXiv (DeepSeek-AI)",
                "context",
                JAN30,
            ),
        ),
        author="reviewer2",
        status=SUBMITTED,
        tags=("deepseek", "ai-costs"),
    ),
    DemoClaim(
        phrase="DeepSeek, nonetheless, appeared to indicate that the identical objectives "
        "might be reached at lower than 1/fiftieth the associated fee.",
        claim_text="DeepSeek appeared to show that the same goals could be reached at less "
        "than 1/50th of the cost.",
        claimant="Michael Hiltzik, Los Angeles Times",
        verdict="unverifiable",
        rationale=(
            "No like-for-like figures support a 1/50 ratio. DeepSeek's published $5.6 "
            "million covers only V3's final training run, and U.S. developers have not "
            "published comparable training costs for their models."
        ),
        evidence=(
            _v3_report,
            Evidence(
                "https://api-docs.deepseek.com/quick_start/pricing",
                "Models & Pricing",
                "DeepSeek API Docs",
                "context",
                JAN31,
            ),
        ),
        author="reviewer",
        status=CHANGES_REQUESTED,
        approver="editor",
        review_note="Say what the 1/50th is measured against. Readers will also have seen "
        "the API price comparisons (R1 vs. OpenAI's o1): mention them as context and explain "
        "why usage prices are not development costs.",
        comments=(
            (
                "reviewer",
                "Will add the o1 vs. R1 price comparison from both pricing "
                "pages and keep the verdict.",
            ),
        ),
        tags=("deepseek", "ai-costs"),
    ),
    DemoClaim(
        phrase="It’s a by-product from the Chinese language hedge fund Excessive-Flyer",
        claim_text="DeepSeek is a spin-off of the Chinese hedge fund High-Flyer.",
        claimant="Michael Hiltzik, Los Angeles Times",
        verdict="true",
        rationale=(
            "DeepSeek was founded in 2023 by Liang Wenfeng, co-founder of the Chinese "
            "quantitative hedge fund High-Flyer, which owns and funds it. Neither company has "
            "disclosed how much High-Flyer has invested."
        ),
        evidence=(
            Evidence(
                "https://en.wikipedia.org/wiki/DeepSeek", "DeepSeek", "Wikipedia", "supports", JAN30
            ),
        ),
        author="reviewer2",
        status=DRAFT,
        tags=("deepseek",),
    ),
    DemoClaim(
        phrase="DeepSeek additionally says it developed its mannequin utilizing Nvidia chips "
        "which have been outdated by extra superior and expensive variations. However that’s "
        "as a result of the Biden administration barred the export of the extra superior "
        "chips.",
        claim_text="DeepSeek says it built its model with superseded Nvidia chips, because the "
        "Biden administration barred the export of more advanced ones.",
        claimant="DeepSeek (as reported by Michael Hiltzik)",
        verdict="mostly-true",
        rationale=(
            "DeepSeek's V3 report says the model was trained on a cluster of 2,048 Nvidia "
            "**H800** GPUs. The H800 is not an older chip but a cut-down H100 that Nvidia "
            "made for China to comply with the October 2022 export rules (it has reduced "
            "chip-to-chip bandwidth); the tightened rules of October 2023 barred it too.\n\n"
            "The gist is right: export controls kept DeepSeek from the most capable chips. "
            '"Superseded" mis-describes the H800.'
        ),
        evidence=(
            _v3_report,
            Evidence(
                "https://www.bis.gov/press-release/commerce-strengthens-restrictions-"
                "advanced-computing-semiconductors-semiconductor",
                "Commerce Strengthens Restrictions on Advanced Computing Semiconductors, "
                "Semiconductor Manufacturing Equipment, and Supercomputing Items to "
                "Countries of Concern",
                "U.S. Bureau of Industry and Security",
                "context",
                JAN31,
            ),
        ),
        author="reviewer",
        status=SUBMITTED,
        tags=("deepseek", "export-controls", "nvidia"),
    ),
    DemoClaim(
        phrase="Most of these lawsuits, together with one filed by the New York Instances in "
        "opposition to OpenAI in 2023, stay unresolved",
        claim_text="Most of the authors' and artists' copyright suits, including the New York "
        "Times' 2023 suit against OpenAI, remain unresolved.",
        claimant="Michael Hiltzik, Los Angeles Times",
        verdict="true",
        rationale=(
            "The New York Times sued OpenAI and Microsoft for copyright infringement in the "
            "U.S. District Court for the Southern District of New York on Dec. 27, 2023 "
            "(case 1:23-cv-11195). In January 2025 it was still in pretrial proceedings with "
            "no ruling on the merits, like the other major suits by authors and artists "
            "against AI developers."
        ),
        evidence=(
            Evidence(
                "https://www.nytimes.com/2023/12/27/business/media/new-york-times-open-"
                "ai-microsoft-lawsuit.html",
                "The Times Sues OpenAI and Microsoft Over A.I. Use of Copyrighted Work",
                "The New York Times",
                "supports",
                JAN30,
            ),
            Evidence(
                "https://www.lutzker.com/ip_bit_pieces/the-new-york-times-sues-openai-"
                "and-microsoft-over-use-of-copyrighted-work/",
                "The New York Times Sues OpenAI and Microsoft Over Use of Copyrighted Work",
                "Lutzker & Lutzker",
                "context",
                JAN30,
            ),
        ),
        author="reviewer2",
        status=APPROVED,
        approver="editor",
        tags=("copyright",),
    ),
    DemoClaim(
        phrase="We’re conscious of and reviewing indications that DeepSeek might have "
        "inappropriately distilled our fashions.",
        occurrence=1,  # the spokesperson's email; occurrence 0 is the pull quote above it
        claim_text="DeepSeek may have inappropriately distilled OpenAI's models.",
        claimant="OpenAI",
        verdict="unverifiable",
        rationale=(
            "OpenAI did give this statement to the press after Bloomberg and the Financial "
            "Times reported on Jan. 28, 2025, that OpenAI and Microsoft were investigating "
            "whether a group linked to DeepSeek had obtained OpenAI data improperly. OpenAI "
            "has not published the evidence behind it, so whether DeepSeek distilled "
            "OpenAI's models cannot be verified from public information."
        ),
        evidence=(
            Evidence(
                "https://404media.co/openai-furious-deepseek-might-have-stolen-all-the-"
                "data-openai-stole-from-us",
                "OpenAI Furious DeepSeek Might Have Stolen All the Data OpenAI Stole From Us",
                "404 Media",
                "context",
                JAN31,
            ),
        ),
        author="reviewer",
        status=DRAFT,
        tags=("deepseek", "distillation"),
    ),
)
