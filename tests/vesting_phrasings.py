"""Vesting phrasings, grouped by where each came from (see STYLE.md).

REAL   phrased as in real Form 3/4/5 footnotes (names, numbers and dates changed
       where they were not the seeds').
BUGS   each a story: a mistake we made once.
NEW    written by us to cover a rule.
NONE   texts that state no vesting term: parse_vesting gives None.
XFAIL  known failures (strict xfail): kept so a fix shows up.

Each case: (id, text, grant date, shares, expected type, expected schedule as
[(date, shares)], or None to leave the schedule unchecked, and optional
substrings expected in condition / acceleration).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from dateutil.relativedelta import relativedelta


class Case(NamedTuple):
    id: str
    text: str
    grant: date | None
    shares: int | None
    type: str | None
    schedule: list[tuple[str, int | None]] | None
    condition: str | None = None
    acceleration: str | None = None


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def every(anchor: str, count: int, months: int, total: int, first_offset: int | None = None) -> list:
    """``count`` equal tranches every ``months`` from ``anchor``; the remainder in the last."""
    start = first_offset if first_offset is not None else months
    each = total // count
    out = [((d(anchor) + relativedelta(months=start + i * months)).isoformat(), each) for i in range(count)]
    out[-1] = (out[-1][0], total - each * (count - 1))
    return out


def cliff_then(anchor: str, cliff_months: int, cliff: int, count: int, months: int, total: int) -> list:
    """A cliff tranche, then ``count`` equal tranches of the rest every ``months``."""
    rest = total - cliff
    out = [((d(anchor) + relativedelta(months=cliff_months)).isoformat(), cliff)]
    out += every(anchor, count, months, rest, first_offset=cliff_months + months)
    return out


G = d("2020-03-01")  # a grant date for cases that need one

REAL = [
    Case("seed-form4-anniversaries",
         "25% of these options vest on each of the 4 subsequent anniversaries of the grant date, 12/18/2014.",
         None, 62500, "time",
         [("2015-12-18", 15625), ("2016-12-18", 15625), ("2017-12-18", 15625), ("2018-12-18", 15625)]),
    Case("seed-form4-ebitda",
         "Subject to the terms of Company's incentive stock option plan and the terms of Mr. Smith's option "
         "agreement, these options will vest if and when the Company publicly releases audited financials "
         "indicating positive Earnings before Interest Depreciation Amortization (EBITDA) for the fiscal year "
         "ended December 31, 2015.",
         d("2014-12-18"), 62500, "performance", [], condition="positive Earnings before Interest"),
    Case("seed-form3-year-list",
         "The option becomes exercisable in four equal installments on February 15, 2012, 2013, 2014 and 2015.",
         None, 125000, "time",
         [("2012-02-15", 31250), ("2013-02-15", 31250), ("2014-02-15", 31250), ("2015-02-15", 31250)]),
    Case("rsu-thirds-year-list",
         "The RSUs vest 1/3 on each of January 15, 2023, 2024 and 2025",
         None, 3000, "time", [("2023-01-15", 1000), ("2024-01-15", 1000), ("2025-01-15", 1000)]),
    Case("monthly-anniversary-from",
         "1/36th of the shares granted shall become vested and exercisable as of each monthly anniversary from "
         "June 18, 2019, such that all shares subject to the option were fully vested and exercisable by "
         "June 18, 2022.",
         None, 36000, "time", every("2019-06-18", 36, 1, 36000)),
    Case("ratably-annual-first-installment",
         "This restricted stock unit award vests ratably over a four-year period in annual installments with the "
         "first installment vesting on January 2, 2026, subject to the Reporting Person's continued service "
         "through the applicable vesting date.",
         d("2025-01-02"), 1000, "time",
         [("2026-01-02", 250), ("2027-01-02", 250), ("2028-01-02", 250), ("2029-01-02", 250)]),
    Case("rate-25-then-36-monthly",
         "This stock option vests over a four-year period at the rate of 25% on January 2, 2026, and then in 36 "
         "equal monthly installments thereafter, subject to the Reporting Person's continued service through the "
         "applicable vesting date.",
         d("2025-01-02"), 4800, "time", cliff_then("2025-01-02", 12, 1200, 36, 1, 4800)),
    Case("fully-vested-any-time",
         "The option shares are fully vested and may be exercised at any time.",
         d("2019-05-01"), 5000, "immediate", [("2019-05-01", 5000)]),
    Case("rsu-vested-as-of-grant",
         "Each share is represented by a restricted stock unit (RSU). Each RSU represents a contingent right to "
         "receive one share of the Issuer's Class A Common Stock upon settlement. The RSUs were issued pursuant to "
         "the Issuer's Outside Director Compensation Policy, and 100% of the RSUs were vested as of the date of grant.",
         d("2021-06-01"), 800, "immediate", [("2021-06-01", 800)]),
    Case("rsu-fully-vested-at-issuance",
         "Represents the issuance of Restricted Stock Units to the Reporting Person in lieu of quarterly retainer "
         "fees for service on the Issuer's Board of Directors. The RSUs were fully vested at the time of issuance.",
         d("2024-04-01"), 312, "immediate", [("2024-04-01", 312)]),
    Case("rsu-full-first-anniversary",
         "Each restricted stock unit represents a contingent right to receive one share of Class A Common Stock "
         "of the Issuer and has no expiration date. The shares underlying the restricted stock unit award shall "
         "vest in full on the first anniversary of the grant date, subject to the Reporting Person providing "
         "continuous service to the Issuer on such date.",
         d("2019-06-05"), 3133, "time", [("2020-06-05", 3133)]),
    Case("rsu-vesting-on-date",
         "Includes 34,530 shares of Class A Common Stock underlying restricted stock units of the Issuer vesting "
         "on June 14, 2024.",
         None, None, "time", [("2024-06-14", 34530)]),
    Case("twelve-installments-milestones",
         "The Award will vest in twelve equal installments upon the achievement of performance milestones that "
         "are based on operational and market capitalization metrics.",
         d("2018-01-21"), 1200000, "performance", [], condition="performance milestones"),
    Case("market-cap-each-time",
         "1/10 of the total number of shares subject to this option became and will become vested and exercisable "
         "each time: (i) the Issuer's market capitalization increases by $4.0 billion above the initially measured "
         "market capitalization of $3.2 billion; and (ii) one of 10 specified performance milestones is attained.",
         None, None, "performance", [], condition="market capitalization"),
    Case("four-equal-annual-first-anniversary",
         "The option vests in four equal annual installments beginning on the first anniversary of the date of grant.",
         G, 10000, "time", every("2020-03-01", 4, 12, 10000)),
    Case("three-equal-annual-commencing",
         "The shares of restricted stock vest in three equal annual installments commencing on the first "
         "anniversary of the grant date.",
         G, 100, "time", [("2021-03-01", 33), ("2022-03-01", 33), ("2023-03-01", 34)]),
    Case("five-annual-one-year-from",
         "The option shall become exercisable in five (5) equal annual installments commencing one year from the "
         "date of grant.",
         G, 5000, "time", every("2020-03-01", 5, 12, 5000)),
    Case("one-fourth-then-1-48-monthly",
         "1/4th of the shares subject to the option vest on the first anniversary of the Vesting Commencement Date "
         "and 1/48th of the shares vest monthly thereafter, subject to continued service.",
         G, 48000, "time", cliff_then("2020-03-01", 12, 12000, 36, 1, 48000)),
    Case("quarterly-16-beginning-date",
         "The restricted stock units vest in sixteen equal quarterly installments beginning on May 15, 2020.",
         G, 1600, "time", every("2020-05-15", 16, 3, 1600, first_offset=0)),
    Case("thirds-first-second-third",
         "These options became exercisable as to one-third of the shares on each of the first, second and third "
         "anniversaries of the date of grant.",
         G, 999, "time", [("2021-03-01", 333), ("2022-03-01", 333), ("2023-03-01", 333)]),
    Case("half-second-half-third",
         "50% of the RSUs vest on the second anniversary of the grant date and 50% vest on the third anniversary "
         "of the grant date.",
         G, 501, "time", [("2022-03-01", 250), ("2023-03-01", 251)]),
    Case("monthly-48-from-grant",
         "The option vests and becomes exercisable in equal monthly installments over a period of 48 months from "
         "the grant date.",
         G, 4800, "time", every("2020-03-01", 48, 1, 4800)),
    Case("fourth-vested-then-remaining-monthly",
         "One-fourth of the shares subject to the option vested on March 1, 2021, and the remaining shares vest "
         "in 36 equal monthly installments thereafter.",
         G, 4800, "time", cliff_then("2020-03-01", 12, 1200, 36, 1, 4800)),
    Case("immediately-exercisable",
         "The option is immediately exercisable.", G, 100, "immediate", [("2020-03-01", 100)]),
    Case("fully-vested-short",
         "Fully vested.", G, 100, "immediate", [("2020-03-01", 100)]),
    Case("psu-performance-period",
         "The performance stock units will vest based on achievement of the performance goals for the three-year "
         "performance period ending December 31, 2024.",
         G, 900, "performance", [], condition="performance goals"),
    Case("ratably-over-three-years",
         "The restricted stock units vest ratably over three years on each anniversary of the grant date.",
         G, 300, "time", every("2020-03-01", 3, 12, 300)),
    Case("accel-change-in-control",
         "The option vests in four equal annual installments beginning on the first anniversary of the grant "
         "date, subject to acceleration upon a change in control of the Issuer.",
         G, 400, "time", every("2020-03-01", 4, 12, 400), acceleration="acceleration upon a change in control"),
    Case("cliff-third-anniversary",
         "The restricted shares vest on the third anniversary of the date of grant.",
         G, 750, "time", [("2023-03-01", 750)]),
    Case("vest-20pct-each-anniversary",
         "The option vests as to 20% of the shares on each anniversary of the grant date.",
         G, 1000, "time", every("2020-03-01", 5, 12, 1000)),
    Case("quarterly-over-four-years",
         "The restricted stock units vest in equal quarterly installments over four years.",
         G, 1600, "time", every("2020-03-01", 16, 3, 1600)),
    Case("exercisable-beginning-date",
         "The option is exercisable beginning January 1, 2021.",
         G, 100, "time", [("2021-01-01", 100)]),
    Case("two-grants-earlier-of",
         "100% of 5,017 RSUs vest on the earlier of (i) June 7, 2020 or (ii) the next annual meeting, and 100% of "
         "2,447 RSUs vest on the earlier of (i) September 19, 2019 or (ii) the next annual meeting.",
         d("2019-01-01"), 7464, "time", [("2019-09-19", 2447), ("2020-06-07", 5017)]),
    Case("closing-price-hurdle",
         "The option becomes exercisable only if the closing price of the Common Stock is at least $10.00 for "
         "20 consecutive trading days.",
         G, 100, "performance", [], condition="closing price"),
]

NEW = [
    Case("spec-cliff-rest-monthly",
         "25% after one year and the rest in 36 equal monthly installments",
         d("2020-01-31"), 4800, "time", cliff_then("2020-01-31", 12, 1200, 36, 1, 4800)),
    Case("spec-ebitda-short",
         "The options vest if and when the Company reports positive EBITDA for fiscal 2015.",
         G, 100, "performance", [], condition="the Company reports positive EBITDA for fiscal 2015"),
    Case("amounts-per-date",
         "The option vests as to 5,000 shares on March 1, 2020 and 10,000 shares on March 1, 2021.",
         d("2019-03-01"), 15000, "time", [("2020-03-01", 5000), ("2021-03-01", 10000)]),
    Case("percent-per-date",
         "The RSUs vest 25% on 6/1/2021, 25% on 6/1/2022 and 50% on 6/1/2023.",
         G, 1001, "time", [("2021-06-01", 250), ("2022-06-01", 250), ("2023-06-01", 501)]),
    Case("vest-in-full-on-date",
         "The restricted stock units vest in full on September 30, 2021.",
         G, 700, "time", [("2021-09-30", 700)]),
    Case("month-end-rolls",
         "The option vests in 12 equal monthly installments.",
         d("2020-01-31"), 1200, "time",
         [("2020-02-29", 100), ("2020-03-31", 100), ("2020-04-30", 100), ("2020-05-31", 100),
          ("2020-06-30", 100), ("2020-07-31", 100), ("2020-08-31", 100), ("2020-09-30", 100),
          ("2020-10-31", 100), ("2020-11-30", 100), ("2020-12-31", 100), ("2021-01-31", 100)]),
    Case("leap-day-anniversary",
         "One-third on each of the first three anniversaries of the grant date.",
         d("2020-02-29"), 100, "time", [("2021-02-28", 33), ("2022-02-28", 33), ("2023-02-28", 34)]),
    Case("number-words-thirty-six",
         "The option vests in thirty-six equal monthly installments.",
         G, 3600, "time", every("2020-03-01", 36, 1, 3600)),
    Case("twenty-five-percent-restated",
         "Twenty-five percent (25%) of the option vests on each of the first four anniversaries of the grant date.",
         G, 100, "time", every("2020-03-01", 4, 12, 100)),
    Case("semi-annual",
         "The RSUs vest in four equal semi-annual installments.",
         G, 400, "time", every("2020-03-01", 4, 6, 400)),
    Case("quarterly-over-three-years-basis",
         "The units vest on a quarterly basis over three years.",
         G, 1200, "time", every("2020-03-01", 12, 3, 1200)),
    Case("equal-installments-explicit-dates",
         "The option vests in equal installments on March 1, 2021, March 1, 2022 and March 1, 2023.",
         G, 300, "time", [("2021-03-01", 100), ("2022-03-01", 100), ("2023-03-01", 100)]),
    Case("no-shares-fractions-only",
         "25% of the options vest on each of the first four anniversaries of the grant date.",
         G, None, "time",
         [("2021-03-01", None), ("2022-03-01", None), ("2023-03-01", None), ("2024-03-01", None)]),
    Case("no-grant-date-relative",
         "The option vests in four equal annual installments beginning on the first anniversary of the grant date.",
         None, 400, "time", []),
    Case("grant-date-named-in-text",
         "The option was granted on July 1, 2018 and vests in three equal annual installments beginning on the "
         "first anniversary of the grant date.",
         None, 300, "time", [("2019-07-01", 100), ("2020-07-01", 100), ("2021-07-01", 100)]),
    Case("immediate-then-annual",
         "25% of the option vested immediately upon grant and the remaining 75% vests in three equal annual "
         "installments thereafter.",
         G, 400, "time", [("2020-03-01", 100), ("2021-03-01", 100), ("2022-03-01", 100), ("2023-03-01", 100)]),
    Case("quarterly-6-25-thereafter",
         "The option vests 25% on the first anniversary of the grant date and 6.25% each quarter thereafter.",
         G, 1600, "time", cliff_then("2020-03-01", 12, 400, 12, 3, 1600)),
    Case("shares-each-anniversary",
         "2,500 shares vest on each anniversary of the grant date.",
         G, 10000, "time", every("2020-03-01", 4, 12, 10000)),
    Case("six-months-after-grant",
         "The option becomes exercisable six months after the date of grant.",
         G, 100, "time", [("2020-09-01", 100)]),
    Case("ipo-event",
         "The RSUs will vest upon the closing of the Company's initial public offering.",
         G, 100, "performance", [], condition="initial public offering"),
    Case("time-plus-performance",
         "The PSUs vest on March 1, 2023, subject to the achievement of the performance goals set by the "
         "Compensation Committee.",
         G, 100, "performance", [("2023-03-01", 100)], condition="performance goals"),
    Case("accel-death-disability",
         "The restricted stock vests in three equal annual installments; the restricted stock will vest in full "
         "upon the Reporting Person's death or disability.",
         G, 300, "time", every("2020-03-01", 3, 12, 300), acceleration="death or disability"),
    Case("accel-in-the-event",
         "The option vests in 48 equal monthly installments. In the event of a change in control, all unvested "
         "options will vest immediately.",
         G, 4800, "time", every("2020-03-01", 48, 1, 4800), acceleration="In the event of a change in control"),
    Case("accel-only",
         "All unvested shares will vest upon a change of control of the Issuer.",
         G, 100, "unknown", [], acceleration="change of control"),
    Case("unknown-agreement",
         "Includes 3,369 shares of Class A Common Stock subject to the vesting and forfeiture requirements "
         "specified in the Business Combination Agreement.",
         None, None, "unknown", []),
    Case("anniversary-of-named-date",
         "The option vests in four equal annual installments on each anniversary of March 1, 2020.",
         None, 400, "time", every("2020-03-01", 4, 12, 400)),
    Case("three-year-period-restated",
         "The shares vest in equal annual installments over a three (3) year period beginning on the first "
         "anniversary of the grant date.",
         G, 300, "time", every("2020-03-01", 3, 12, 300)),
    Case("fifty-percent-two-anniversaries",
         "Fifty percent (50%) of the shares vest on the first anniversary and the remaining fifty percent (50%) "
         "vest on the second anniversary of the date of grant.",
         G, 11, "time", [("2021-03-01", 5), ("2022-03-01", 6)]),
    Case("exercisable-in-full", "This option is exercisable in full.", G, 9, "immediate", [("2020-03-01", 9)]),
    Case("substantially-equal-anniversaries-of-date",
         "The RSUs vest in three substantially equal installments on each of the first three anniversaries of "
         "November 15, 2019.",
         None, 90, "time", [("2020-11-15", 30), ("2021-11-15", 30), ("2022-11-15", 30)]),
    Case("rate-1-48-per-month", "The option vests at the rate of 1/48 per month.",
         G, 4800, "time", every("2020-03-01", 48, 1, 4800)),
    Case("thirty-three-and-a-third",
         "33 1/3% of the restricted shares vest on each of the first three anniversaries of the grant date.",
         G, 100, "time", [("2021-03-01", 33), ("2022-03-01", 33), ("2023-03-01", 34)]),
    Case("eight-quarterly-commencing-date", "Vests in 8 quarterly installments commencing June 30, 2020.",
         G, 800, "time", every("2020-06-30", 8, 3, 800, first_offset=0)),
    Case("remaining-in-full-on-date", "The remaining unvested shares vest in full on December 31, 2022.",
         G, 50, "time", [("2022-12-31", 50)]),
    Case("additional-percent-each-month",
         "The option becomes exercisable as to 25% of the shares one year after the date of grant and as to an "
         "additional 2.0833% of the shares each month thereafter.",
         G, 4800, "time", cliff_then("2020-03-01", 12, 1200, 36, 1, 4800)),
    Case("provided-accelerate",
         "The restricted stock units will vest in four equal annual installments commencing on March 15, 2021; "
         "provided that vesting will accelerate in full upon a change in control.",
         G, 4, "time", every("2021-03-15", 4, 12, 4, first_offset=0), acceleration="accelerate in full"),
    Case("label-colon-percent-date", "Vesting: 100% on 12/31/2021.", G, 10, "time", [("2021-12-31", 10)]),
    Case("pre-grant-commencement-collapses",
         "The option vests in 48 equal monthly installments from January 1, 2020.",
         d("2020-03-15"), 4800, "time",
         [("2020-03-15", 200)] + every("2020-01-01", 48, 1, 4800)[2:]),
    Case("one-half-each",
         "One-half of the option vests on each of the first two anniversaries of the grant date.",
         G, 101, "time", [("2021-03-01", 50), ("2022-03-01", 51)]),
    Case("iso-dates",
         "Vests 50% on 2021-03-01 and 50% on 2022-03-01.",
         G, 10, "time", [("2021-03-01", 5), ("2022-03-01", 5)]),
    Case("fraction-shares-grant",
         "The option vests in three equal annual installments.",
         G, 100.5, "time", [("2021-03-01", 33), ("2022-03-01", 33), ("2023-03-01", 34.5)]),
    Case("markdown-bold-footnote",
         "**(1)** The option becomes exercisable in two equal installments on June 30, 2021 and June 30, 2022.",
         None, 10, "time", [("2021-06-30", 5), ("2022-06-30", 5)]),
    Case("not-subject-to-vesting",
         "The shares are not subject to vesting.", G, 10, "immediate", [("2020-03-01", 10)]),
    Case("vest-annually-over-four-years",
         "The options vest annually over four years.", G, 4, "time", every("2020-03-01", 4, 12, 4)),
    Case("vest-25-per-year",
         "The options vest 25% per year beginning on the first anniversary of the grant date.",
         G, 8, "time", every("2020-03-01", 4, 12, 8)),
    Case("earlier-of-date-or-meeting",
         "100% of the RSUs vest on the earlier of (i) June 7, 2020 or (ii) the next annual meeting of "
         "stockholders of the Issuer, subject to the Reporting Person's continued service to the Issuer.",
         d("2019-06-07"), 5017, "time", [("2020-06-07", 5017)]),
]

BUGS = [
    # The year list "February 15, 2012, 2013" was read as two whole dates and the ISO matcher then
    # re-read the first date token, giving "@@2012-02-15@@" and one tranche of everything.
    Case("bug-year-list-double-token",
         "exercisable in four equal installments on February 15, 2012, 2013, 2014 and 2015",
         None, 100, "time", [("2012-02-15", 25), ("2013-02-15", 25), ("2014-02-15", 25), ("2015-02-15", 25)]),
    # "Mr. Locke's" split the sentence, so the condition lost its first half.
    Case("bug-mr-abbreviation",
         "Under the terms of Mr. Doe's agreement, the options vest if and when the Company achieves revenue of "
         "$10 million in a fiscal year.",
         G, 100, "performance", [], condition="the Company achieves revenue of $10 million in a fiscal year"),
    # "four quarters" is a period, not the fraction 4/4.
    Case("bug-four-quarters-not-fraction",
         "The units vest in equal installments over four quarters.",
         G, 400, "time", every("2020-03-01", 4, 3, 400)),
]

NONE = [
    Case("none-dividend-reinvestment", "Includes shares acquired through quarterly dividend reinvestment.",
         None, None, None, None),
    Case("none-withheld", "Represents shares withheld to satisfy tax withholding obligations upon the vesting of "
         "the above-described PSUs.", None, None, None, None),
    Case("none-earned-from-vesting",
         "Represents Common Stock earned from the vesting and settlement of a Performance Stock Unit grant made on "
         "February 16, 2022, which grant was subject to a three-year performance period.", None, None, None, None),
    Case("none-weighted-average",
         "The price reported is a weighted average price. These shares were sold in multiple transactions at "
         "prices ranging from $10.00 to $10.50.", None, None, None, None),
    Case("none-disclaims", "The Reporting Person disclaims beneficial ownership of these securities except to the "
         "extent of his pecuniary interest therein.", None, None, None, None),
    Case("none-contingent-right", "Each restricted stock unit represents a contingent right to receive one share "
         "of common stock.", None, None, None, None),
    Case("none-warrant-exercisable-for", "Each warrant is exercisable for one share of common stock at $11.50.",
         None, None, None, None),
    Case("none-empty", "", None, None, None, None),
    Case("none-garbage", "(1) )))((( %%% @@ 1/0 0/0% ,,,,", None, None, None, None),
]

XFAIL = [
    Case("xfail-last-day-of-quarter",
         "The restricted stock vests on the last day of each calendar quarter over two years.",
         d("2020-02-15"), 800, "time",
         [(day, 100) for day in ("2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31",
                                 "2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31")]),
    Case("xfail-uneven-listed-percentages",
         "The option vests in three annual installments of 30%, 30% and 40%, beginning on the first anniversary "
         "of the grant date.",
         G, 100, "time", [("2021-03-01", 30), ("2022-03-01", 30), ("2023-03-01", 40)]),
    Case("xfail-day-first-words",
         "The option vests in full on the 15th day of February, 2022.",
         G, 10, "time", [("2022-02-15", 10)]),
]
