"""The word lists of the rules: closed classes (titles, heads of organisation names,
prepositions, verbs and nouns that make a name an actor or a place), not names.

Names belong in the gazetteers of ``data/``; these words decide what a name does
where it stands.
"""

TITLE_WORDS = frozenset(
    """president presidents vice prime minister ministers foreign defence defense interior
    secretary secretary-general general-secretary deputy spokesman spokeswoman spokesperson
    envoy ambassador special representative permanent chief commander leader head director
    chairman chairwoman chair speaker senator governor mayor official officer adviser advisor
    counsellor negotiator of the state to for affairs reconciliation senior top former late
    acting interim incumbent supreme military army navy emeritus mp lawmaker premier
    chancellor minister-president co-chair co-chairs strongman warlord rival dictator
    longtime""".split()
)
ORG_HEADS = frozenset(
    """ministry ministries department council army forces force committee office group mission
    agency front party movement brigade brigades battalion guard guards union league assembly
    parliament court commission observatory organization organisation organisations
    organizations institute foundation fund bank service services corps authority
    secretariat directorate administration command headquarters cabinet senate congress
    coalition alliance federation association society program programme center centre
    bureau police militia mod""".split()
)
GROUP_HEADS = frozenset(
    "rebels rebel militias militia militants fighters insurgents movement forces group".split()
)
SEPARATIST_HEADS = frozenset("separatists separatist".split())
BACKING = frozenset("backed supported sponsored allied aligned armed funded".split())
LEADING = frozenset("led".split())
RECOGNITION = frozenset(
    "recognised recognized legitimate internationally elected".split()
)
GOVERNMENT_HEADS = frozenset("government governments authorities regime".split())
LOCATIVE_PREPS = frozenset(
    """in at near across inside outside around throughout within on over along beyond
    off outside towards toward into onto past through via under above below""".split()
)
AGENT_PREPS = frozenset("by with between against among versus vs".split())
MOTION_LEMMAS = frozenset(
    """go come travel fly arrive return move head depart leave flee withdraw withdrawal
    drawdown deploy deployment send trip visit journey road route way export import flight
    border frontier troop troops force forces refugee migrant extend expand spread cover
    all part shipment delivery convoy flow transfer expel evacuate evacuation escape
    retreat drive march advance push""".split()
)
AGENT_NOUNS = frozenset(
    """leader leaders president presidents minister ministers ministry government
    governments representative representatives envoy envoys delegation delegations side
    army statement position role support backing ally allies head chief spokesman
    spokeswoman authorities officials official parliament ambassador embassy diplomat
    diplomats foreign defense defence mod intelligence king prime co-chair co-chairs
    proposal plan demand demands request call offer decision negotiator mediator delegate
    soldier troop military navy air""".split()
)
PLACE_VERBS = frozenset(
    """leave visit reach enter capture attack shell take control cross invade seize depart
    occupy besiege hit strike bomb recapture liberate tour regain tour land rule govern
    surround encircle storm overrun target fire raid pound flee evacuate abandon""".split()
)
PLACE_NOUNS = frozenset(
    """city capital region territory port border population soil airspace province north
    south east west coast part area areas town village district enclave heartland
    countryside mountains desert sea waters frontier side-of largest second-largest
    fourth-largest biggest economy oil crude reserves map""".split()
)
EVENT_NOUNS = frozenset(
    """war conflict crisis talks summit statement deal agreement ceasefire truce peace
    process format framework track meeting conference round negotiations negotiation
    declaration accord protocol memorandum crisis uprising revolution elections election
    port city""".split()
)
FACILITY_NOUNS = frozenset(
    "checkpoint crossing airport airbase base bridge junction highway road line".split()
)
TIME_WORDS = frozenset(
    """gmt utc est edt cet cest msk bst pst am pm january february march april may june july
    august september october november december monday tuesday wednesday thursday friday
    saturday sunday""".split()
)
# Affiliations: a title phrase next to a name ("Kenyan Foreign Minister X", "X, the
# US ambassador to the UN") or the words of an organisation's name ("the Ethiopian
# defence ministry") say which state a person or organisation belongs to.
OFFICE_WORDS = frozenset(
    """president vice-president premier chancellor minister secretary secretary-general
    spokesman spokeswoman spokesperson envoy ambassador representative commander chief
    head director chairman chairwoman speaker governor official officer adviser advisor
    counsellor counselor negotiator diplomat prosecutor attorney general leader king queen
    emir""".split()
)
STATE_ORGAN_HEADS = frozenset(
    """ministry department army forces military navy office embassy consulate government
    cabinet parliament police guard guards intelligence presidency prosecutor
    prosecutor's prosecutors court senate congress""".split()
)
# words that may stand in such phrases besides offices and organs
PHRASE_WORDS = (
    TITLE_WORDS
    | OFFICE_WORDS
    | STATE_ORGAN_HEADS
    | frozenset(
        """foreign defence defense interior affairs national security armed state permanent
    special deputy first justice finance home ministry's ministries air general's
    presidential""".split()
    )
) - frozenset(
    "presidents ministers co-chairs strongman warlord rival dictator longtime".split()
)
PHRASE_PREPS = frozenset("of to for on in at with".split())
NOT_OF_A_STATE = frozenset(
    "strongman warlord rival dictator rebel rebels separatist insurgent opposition".split()
)
SOURCE_CUES_BEFORE = (
    "quoted by",
    "quoted as saying by",
    "according to",
    "reported by",
    "citing",
    "cited by",
    "told",
    "source:",
    "sources:",
    "via",
    "—",
    "–",
    "-",
    "(",
)
