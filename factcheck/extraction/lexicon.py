"""Words of reported speech and of dates in German, French, Spanish, Portuguese, Italian and
Russian: the tables that the claimant rules (attribution.py) and the date rules (dates.py) read
for an article in one of these languages. English keeps its own rules in those modules.

Every entry is a regular expression fragment (alternatives with "|", no capturing groups);
matching is case-insensitive except for month names, written as the language writes them
("August" in German, "août" in French). Verb forms are the ones news reports use: the third
person (singular and plural) of the past and present, and the participle after an auxiliary
("a déclaré", "ha detto", "hat erklärt").
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LANGUAGES", "Lexicon"]


@dataclass(frozen=True)
class Lexicon:
    # --- reported speech ---
    verbs: str  # reporting verbs: "sagte", "a déclaré" (its participle: "déclaré")
    aux: str  # auxiliaries and adverbs that may stand before the verb ("a", "hat", "también")
    according: str  # "according to X" before X: "laut", "selon", "según", "по словам"
    as_reported: str  # "as X reported": "wie", "comme", "como", "как" (X follows the verb)
    pronouns: str  # he / she
    determiners: str  # articles and demonstratives a noun phrase may start with
    links: str  # words inside a name or a title: "de", "des", "della", "von"
    prepositions: str  # a phrase starting with one is a place or a time, never a speaker
    clause: str  # words opening a subordinate clause ("dass", "que", "что")
    role_nouns: str  # common nouns that head a speaker ("police", "gouvernement", "полиция")
    documents: str  # nouns of a document or a medium: credited, not a speaker
    not_person: str  # words that make a capitalised phrase an organisation or a place
    # --- dates ---
    months: tuple[str, ...]  # January .. December
    weekdays: tuple[str, ...]  # Monday .. Sunday
    yesterday: str
    today: str
    tomorrow: str
    early: str  # "Anfang", "début", "a principios de" (the month or year follows)
    mid: str
    late: str
    last: str  # "letzten", "dernier", "pasado" (next to "year", "week", a weekday)
    this: str
    next: str
    year: str  # "Jahr", "année|an", "año"
    month: str
    week: str
    year_prepositions: str  # before a bare year: "im Jahr", "en", "в"
    since: str
    of: str  # between a day or a part and a month, a month and a year: "de", "del"
    future: str  # words that put an undated month or weekday ahead of publication
    halves: tuple[str, str]  # the first and the second half of a year
    according_after: str = ""  # "according to X" after X: "X zufolge"
    participle: str = ""  # verb forms that are participles: passive without an auxiliary
    clitics: str = ""  # object pronouns before the verb: the subject follows ("lo publicó X")


LANGUAGES: dict[str, Lexicon] = {
    "de": Lexicon(
        verbs=r"sagte|sagten|sagt|gesagt|erklärte|erklärten|erklärt|betonte|betonten|betont|"
        r"berichtete|berichteten|berichtet|meldete|meldeten|meldet|gemeldet|warnte|warnten|"
        r"warnt|gewarnt|schrieb|schrieben|schreibt|geschrieben|bestätigte|bestätigten|"
        r"bestätigt|behauptete|behaupteten|behauptet|versicherte|versichert|bekräftigte|"
        r"bekräftigt|unterstrich|unterstreicht|ergänzte|ergänzt|verkündete|verkündet|"
        r"erläuterte|erläutert|mitgeteilt|angekündigt|hinzugefügt|schätzte|schätzt|geschätzt|"
        r"kritisierte|kritisiert|äußerte|äußert|geäußert|"
        # separable verbs: only with their particle before the clause ends ("teilte ... mit")
        r"(?:teilte|teilten|teilt)(?=[^,.;:]*\smit\b)|"
        r"(?:kündigte|kündigten|kündigt)(?=[^,.;:]*\san\b)|"
        r"(?:fügte|fügten|fügt)(?=[^,.;:]*\shinzu\b)|(?:wies|weist)(?=[^,.;:]*\shin\b)|"
        r"(?:räumte|räumten|räumt)(?=[^,.;:]*\sein\b)|(?:gab|gaben)(?=[^,.;:]*\san\b)",
        aux=r"hat|haben|hatte|hatten|habe|auch|zudem|bereits|außerdem|nun|jedoch|aber|"
        r"ebenfalls|erneut|zuvor|dazu|dabei",
        according=r"laut|nach\s+Angaben\s+(?:von|des|der)|nach\s+Ansicht\s+(?:von|des|der)|"
        r"nach\s+Informationen\s+(?:von|des|der)|nach\s+Darstellung\s+(?:von|des|der)|"
        r"nach\s+Einschätzung\s+(?:von|des|der)",
        as_reported=r"wie",
        pronouns=r"er|sie",
        determiners=r"der|die|das|den|dem|des|ein|eine|einer|einem|eines|einen",
        links=r"von|vom|der|des|und|für|zu|zur|zum|de|van",
        prepositions=r"in|im|am|an|auf|bei|beim|nach|vor|seit|mit|für|aus|über|unter|"
        r"gegen|während|bis|um|zu|zum|zur|vom|von|ab|trotz|wegen",
        clause=r"dass|daß|weil|ob|wenn|nachdem|während|da|als|obwohl|damit",
        role_nouns=r"polizei|regierung|ministerium|behörde|behörden|experten|sprecher|"
        r"sprecherin|staatsanwaltschaft|gericht|unternehmen|konzern|verband|gewerkschaft|"
        r"minister|ministerin|kanzler|kanzlerin|präsident|präsidentin|forscher|ärzte|"
        r"feuerwehr|armee|militär|kreml|bundesregierung|chef|chefin|vorsitzender|vorsitzende|"
        r"leiter|leiterin|direktor|direktorin|sprecher|sprecherin",
        documents=r"bericht|berichte|studie|studien|umfrage|daten|zahlen|statistik|"
        r"erhebung|analyse|dokument|dokumente|papier|mitteilung|erklärung|zeitung|magazin|"
        r"agentur|nachrichtenagentur|sender|medien|gesetz|gesetzentwurf|\w+bericht|"
        r"\w+zeitung|\w+studie",
        # compounds end with the word: "Bundesamt", "Innenministerium"
        not_person=r"\w*(?:ministerium|regierung|amt|partei|universität|bank|gesellschaft|"
        r"verband|institut|gericht|straße|stadt|republik|union|agentur|zeitung|behörde|"
        r"polizei|wehr|konzern|gewerkschaft)|bundes\w*|"
        r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag",
        months=(
            r"Januar|Jänner",
            r"Februar",
            r"März",
            r"April",
            r"Mai",
            r"Juni",
            r"Juli",
            r"August",
            r"September",
            r"Oktober",
            r"November",
            r"Dezember",
        ),  # fmt: skip
        weekdays=(
            r"montag",
            r"dienstag",
            r"mittwoch",
            r"donnerstag",
            r"freitag",
            r"samstag|sonnabend",
            r"sonntag",
        ),  # fmt: skip
        yesterday=r"gestern",
        today=r"heute",
        tomorrow=r"(?-i:morgen)",  # "Morgen", capitalised, is "morning"
        early=r"anfang",
        mid=r"mitte",
        late=r"ende",
        last=r"letzten|letztes|letzte|vergangenen|vergangenes|vergangene|vorigen|voriges|"
        r"vorige",
        this=r"diesen|dieses|diese|dieser",
        next=r"nächsten|nächstes|nächste|kommenden|kommendes|kommende",
        year=r"jahr|jahres",
        month=r"monat|monats",
        week=r"woche",
        year_prepositions=r"im\s+jahr(?:e)?|in|seit|bis|von|ab|vor|nach|anno",
        since=r"seit",
        of="",
        according_after=r"zufolge",
        halves=(r"im\s+ersten\s+halbjahr", r"im\s+zweiten\s+halbjahr"),
        future=r"wird|werden|soll|sollen|will|wollen|plant|planen|geplant|voraussichtlich|"
        r"künftig",
    ),
    "fr": Lexicon(
        verbs=r"déclaré|déclare|déclarait|dit|dire|affirmé|affirme|affirmait|annoncé|"
        r"annonce|annonçait|expliqué|explique|expliquait|indiqué|indique|indiquait|ajouté|"
        r"ajoute|précisé|précise|souligné|souligne|estimé|estime|estimait|assuré|assure|"
        r"assurait|confirmé|confirme|rappelé|rappelle|averti|avertit|prévenu|prévient|"
        r"reconnu|reconnaît|soutenu|soutient|jugé|juge|insisté|insiste|déploré|déplore|"
        r"dénoncé|dénonce|martelé|martèle|écrit|écrivait|raconté|raconte|témoigné|"
        r"témoigne|répondu|répond|rapporté|rapporte|révélé|révèle|considère|considéré|"
        r"soulève|soulevé|fait\s+savoir|fait\s+part",
        aux=r"a|ont|avait|avaient|aurait|auraient|également|aussi|ainsi|encore|déjà|"
        r"notamment|pour\s+sa\s+part|de\s+son\s+côté|par\s+ailleurs|en\s+outre",
        according=r"selon|d['’]après|aux\s+dires\s+d[eu']",
        as_reported=r"comme",
        pronouns=r"il|elle",
        determiners=r"le|la|les|un|une|des|du|ce|cet|cette|ces|son|sa|ses|leur|leurs",
        links=r"de|du|des|la|le|les|et|pour|à|au|aux",
        prepositions=r"à|a|au|aux|en|dans|sur|sous|chez|pour|par|avec|après|avant|depuis|"
        r"pendant|lors|dès|vers|entre|parmi|contre",
        clause=r"que|qu['’]|qui|lorsque|quand|si|parce|puisque|alors|tandis|bien|dont",
        role_nouns=r"police|gendarmerie|gouvernement|ministère|ministre|préfecture|"
        r"parquet|procureur|porte-parole|autorités|experts|syndicat|syndicats|entreprise|"
        r"société|président|présidente|services|armée|justice|tribunal|élysée|mairie|"
        r"opposition|députés|sénateurs|source|sources",
        documents=r"rapport|rapports|étude|études|sondage|sondages|données|chiffres|"
        r"enquête|document|documents|communiqué|note|bilan|statistiques|journal|quotidien|"
        r"hebdomadaire|magazine|site|agence|chaîne|radio|médias|presse|projet|loi|décret|"
        r"texte|constitution",
        not_person=r"ministère|gouvernement|assemblée|conseil|commission|cour|banque|"
        r"institut|université|parti|agence|république|union|rue|ville|quai|palais|"
        r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
        months=(
            r"janvier",
            r"février|fevrier",
            r"mars",
            r"avril",
            r"mai",
            r"juin",
            r"juillet",
            r"août|aout",
            r"septembre",
            r"octobre",
            r"novembre",
            r"décembre|decembre",
        ),  # fmt: skip
        weekdays=(r"lundi", r"mardi", r"mercredi", r"jeudi", r"vendredi", r"samedi", r"dimanche"),
        yesterday=r"hier",
        today=r"aujourd['’]hui",
        tomorrow=r"demain",
        early=r"(?:au\s+|dès\s+le\s+)?début(?:\s+du\s+mois)?|au\s+commencement",
        mid=r"(?:à\s+la\s+)?mi-|(?:au\s+)?milieu(?:\s+du\s+mois)?",
        late=r"(?:à\s+la\s+)?fin(?:\s+du\s+mois)?",
        last=r"dernier|dernière|passé|passée|précédent|précédente",
        this=r"cette|ce|cet",
        next=r"prochain|prochaine",
        year=r"année|an",
        month=r"mois",
        week=r"semaine",
        year_prepositions=r"en|depuis|dès|jusqu['’]en|avant|après|l['’]an|l['’]année",
        since=r"depuis",
        of=r"d['’]|de",
        halves=(r"au\s+premier\s+semestre", r"au\s+(?:second|deuxième)\s+semestre"),
        participle=r"\w+(?:é|u)",
        clitics=r"le|la|l[\'’]|les|lui|leur|en|y",
        future=r"\w{2,}(?:era|eront|erait|eraient|ira|iront|irait|iraient|dra|dront|drait|"
        r"draient)|sera|seront|serait|seraient|aura|auront|aurait|fera|feront|va|vont|"
        r"devrait|devraient|prévu|prévue|prochain|prochaine",
    ),
    "es": Lexicon(
        verbs=r"dijo|dijeron|dice|dicen|dicho|afirmó|afirmaron|afirma|afirman|afirmado|"
        r"declaró|declararon|declara|declarado|aseguró|aseguraron|asegura|asegurado|"
        r"explicó|explicaron|explica|explicado|señaló|señalaron|señala|señalado|indicó|"
        r"indicaron|indica|indicado|añadió|agregó|añade|agrega|anunció|anunciaron|anuncia|"
        r"anunciado|informó|informaron|informa|informado|advirtió|advirtieron|advierte|"
        r"sostuvo|sostiene|reconoció|reconoce|denunció|denunciaron|denuncia|subrayó|"
        r"destacó|destaca|confirmó|confirmaron|confirma|manifestó|aseveró|insistió|"
        r"insiste|estimó|estima|apuntó|apunta|precisó|recordó|recuerda|escribió|escribe|"
        r"publicó|reveló|revela|detalló|comunicó|sugirió|resumió|expresó",
        aux=r"ha|han|había|habían|habría|también|además|ya|luego|hoy|ayer",
        according=r"según|de\s+acuerdo\s+con|conforme\s+a|a\s+juicio\s+de",
        as_reported=r"como|tal\s+como",
        pronouns=r"él|ella",
        determiners=r"el|la|los|las|un|una|unos|unas|este|esta|estos|estas|ese|esa|su|sus",
        links=r"de|del|la|las|los|el|y|e|para|al",
        prepositions=r"a|al|en|desde|hasta|tras|durante|con|sin|sobre|bajo|para|por|"
        r"entre|hacia|ante|contra",
        clause=r"que|cuando|si|porque|aunque|mientras|donde|quien|quienes",
        role_nouns=r"policía|gobierno|ministerio|ministra|ministro|fiscalía|fiscal|"
        r"portavoz|autoridades|expertos|sindicato|sindicatos|empresa|compañía|presidente|"
        r"presidenta|ejército|tribunal|juez|jueza|oposición|fuente|fuentes|líder|agencia",
        documents=r"informe|informes|estudio|estudios|encuesta|encuestas|datos|cifras|"
        r"documento|documentos|comunicado|nota|balance|estadísticas|diario|periódico|"
        r"revista|medio|medios|cadena|radio|prensa|ley|proyecto|decreto|constitución|texto",
        not_person=r"ministerio|gobierno|instituto|banco|universidad|partido|agencia|"
        r"consejo|comisión|tribunal|república|unión|sociedad|calle|ciudad|"
        r"lunes|martes|miércoles|jueves|viernes|sábado|domingo",
        months=(
            r"enero",
            r"febrero",
            r"marzo",
            r"abril",
            r"mayo",
            r"junio",
            r"julio",
            r"agosto",
            r"septiembre|setiembre",
            r"octubre",
            r"noviembre",
            r"diciembre",
        ),  # fmt: skip
        weekdays=(
            r"lunes",
            r"martes",
            r"miércoles|miercoles",
            r"jueves",
            r"viernes",
            r"sábado|sabado",
            r"domingo",
        ),  # fmt: skip
        yesterday=r"ayer",
        today=r"hoy",
        tomorrow=r"(?<!la\s)(?<!esta\s)mañana",  # "la mañana", "esta mañana": the morning
        early=r"a\s+principios|a\s+comienzos|al\s+inicio|a\s+inicios",
        mid=r"a\s+mediados",
        late=r"a\s+finales|a\s+fines|al\s+final",
        last=r"pasado|pasada|anterior",
        this=r"este|esta",
        next=r"próximo|próxima|que\s+viene",
        year=r"año",
        month=r"mes",
        week=r"semana",
        year_prepositions=r"en|desde|hasta|año|antes\s+de|después\s+de",
        since=r"desde",
        of=r"de|del",
        halves=(r"en\s+el\s+primer\s+semestre", r"en\s+el\s+segundo\s+semestre"),
        participle=r"\w+(?:ado|ido)|dicho",
        clitics=r"lo|la|le|los|las|les|se|nos|me|te|os",
        future=r"\w+(?:ará|erá|irá|arán|erán|irán|drá|drán)|va\s+a|van\s+a|prevé|previsto|"
        r"prevista|próximo|próxima",
    ),
    "pt": Lexicon(
        verbs=r"disse|disseram|diz|dizem|dito|afirmou|afirmaram|afirma|afirmam|afirmado|"
        r"declarou|declararam|declara|declarado|garantiu|garante|explicou|explica|"
        r"explicaram|ressaltou|ressalta|destacou|destaca|informou|informaram|informa|"
        r"anunciou|anunciaram|anuncia|acrescentou|acrescenta|completou|avaliou|avalia|"
        r"alertou|alerta|advertiu|reconheceu|reconhece|admitiu|admite|negou|nega|"
        r"confirmou|confirma|apontou|aponta|sustentou|defendeu|defende|criticou|critica|"
        r"escreveu|escreve|publicou|revelou|revela|relatou|relata|falou|fala|contou|"
        r"conta|comentou|comenta|argumentou|argumenta|observou|lembrou|lembra|"
        r"deixou\s+claro|assegurou|enfatizou|sublinhou",
        aux=r"tem|têm|tinha|tinham|havia|também|ainda|já|hoje|ontem|nesta|neste",
        according=r"segundo|de\s+acordo\s+com|conforme|na\s+avaliação\s+d[eoa]s?|"
        r"na\s+opinião\s+d[eoa]s?",
        as_reported=r"como",
        pronouns=r"ele|ela",
        determiners=r"o|a|os|as|um|uma|uns|umas|este|esta|esse|essa|seu|sua",
        links=r"de|do|da|dos|das|e|para|o|a",
        prepositions=r"ao|à|em|no|na|nos|nas|desde|até|após|durante|com|sem|sobre|"
        r"sob|para|por|pelo|pela|entre|contra|ante",
        clause=r"que|quando|se|porque|embora|enquanto|onde|quem",
        role_nouns=r"polícia|governo|ministério|ministra|ministro|procuradoria|"
        r"promotoria|porta-voz|autoridades|especialistas|sindicato|empresa|companhia|"
        r"presidente|exército|tribunal|juiz|juíza|oposição|fonte|fontes|técnico|"
        r"treinador|líder|agência",
        documents=r"relatório|relatórios|estudo|estudos|pesquisa|pesquisas|dados|números|"
        r"levantamento|documento|documentos|nota|comunicado|balanço|estatísticas|jornal|"
        r"revista|site|emissora|rádio|imprensa|lei|projeto|decreto|constituição|texto",
        not_person=r"ministério|governo|instituto|banco|universidade|partido|agência|"
        r"conselho|comissão|tribunal|república|união|sociedade|rua|cidade|polícia|"
        r"segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo",
        months=(
            r"janeiro",
            r"fevereiro",
            r"março",
            r"abril",
            r"maio",
            r"junho",
            r"julho",
            r"agosto",
            r"setembro",
            r"outubro",
            r"novembro",
            r"dezembro",
        ),  # fmt: skip
        weekdays=(
            r"segunda-feira",
            r"terça-feira|terca-feira",
            r"quarta-feira",
            r"quinta-feira",
            r"sexta-feira",
            r"sábado|sabado",
            r"domingo",
        ),  # fmt: skip
        yesterday=r"ontem",
        today=r"hoje",
        tomorrow=r"amanhã",
        early=r"no\s+início|no\s+começo|em\s+início",
        mid=r"em\s+meados|no\s+meio",
        late=r"no\s+fim|no\s+final|em\s+fins|ao\s+final",
        last=r"passado|passada|última|último|anterior",
        this=r"este|esta|neste|nesta",
        next=r"próximo|próxima|que\s+vem",
        year=r"ano",
        month=r"mês",
        week=r"semana",
        year_prepositions=r"em|desde|até|ano|antes\s+de|depois\s+de",
        since=r"desde",
        of=r"de|do",
        halves=(r"no\s+primeiro\s+semestre", r"no\s+segundo\s+semestre"),
        participle=r"\w+(?:ado|ido)|dito",
        clitics=r"o|a|os|as|lhe|lhes|se",
        future=r"\w+(?:ará|erá|irá|arão|erão|irão)|vai|vão|deve|devem|prevê|previsto|"
        r"prevista|próximo|próxima",
    ),
    "it": Lexicon(
        verbs=r"detto|dice|dicono|disse|dissero|dichiarato|dichiara|dichiarano|affermato|"
        r"afferma|affermano|spiegato|spiega|spiegano|annunciato|annuncia|sottolineato|"
        r"sottolinea|aggiunto|aggiunge|precisato|precisa|ribadito|ribadisce|assicurato|"
        r"assicura|confermato|conferma|riferito|riferisce|riferiscono|comunicato|comunica|"
        r"ricordato|ricorda|avvertito|avverte|denunciato|denuncia|sostenuto|sostiene|"
        r"ammesso|ammette|scritto|scrive|rivelato|rivela|osservato|osserva|stimato|stima|"
        r"commentato|commenta|spiegava|diceva|raccontato|racconta|reso\s+noto|fatto\s+sapere",
        aux=r"ha|hanno|aveva|avevano|avrebbe|anche|inoltre|già|poi|ieri|oggi",
        according=r"secondo\s+quanto\s+(?:riferito|riportato|dichiarato|comunicato)\s+"
        r"d(?:a|al|ai|agli|alla|alle|all['’])|secondo|stando\s+a(?:l|lla|i|gli|lle|ll['’])?|a\s+detta\s+d[i']|"
        r"a\s+quanto\s+riferito\s+da",
        as_reported=r"come",
        pronouns=r"lui|lei|egli|ella",
        determiners=r"il|lo|la|i|gli|le|un|uno|una|questo|questa|quel|quella|suo|sua",
        links=r"di|del|dello|della|dei|degli|delle|e|per|la|il",
        prepositions=r"a|al|alla|in|nel|nella|nei|da|dal|dalla|dopo|prima|durante|con|"
        r"senza|su|sul|sulla|per|tra|fra|contro|verso|entro",
        clause=r"che|quando|se|perché|mentre|dove|chi|sebbene",
        role_nouns=r"polizia|carabinieri|governo|ministero|ministra|ministro|procura|"
        r"portavoce|autorità|esperti|sindacato|sindacati|azienda|società|presidente|"
        r"esercito|tribunale|giudice|opposizione|fonti|fonte|segretario|segretaria|agenzia",
        documents=r"rapporto|rapporti|studio|studi|sondaggio|sondaggi|dati|cifre|"
        r"relazione|documento|documenti|nota|comunicato|bilancio|statistiche|giornale|"
        r"quotidiano|rivista|sito|emittente|radio|stampa|legge|decreto|costituzione|testo",
        not_person=r"ministero|governo|istituto|banca|università|partito|agenzia|"
        r"consiglio|commissione|tribunale|repubblica|unione|società|via|città|camera|"
        r"senato|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica",
        months=(
            r"gennaio",
            r"febbraio",
            r"marzo",
            r"aprile",
            r"maggio",
            r"giugno",
            r"luglio",
            r"agosto",
            r"settembre",
            r"ottobre",
            r"novembre",
            r"dicembre",
        ),  # fmt: skip
        weekdays=(
            r"lunedì|lunedi",
            r"martedì|martedi",
            r"mercoledì|mercoledi",
            r"giovedì|giovedi",
            r"venerdì|venerdi",
            r"sabato",
            r"domenica",
        ),  # fmt: skip
        yesterday=r"ieri",
        today=r"oggi",
        tomorrow=r"domani",
        early=r"all['’]inizio|a\s+inizio|agli\s+inizi|ai\s+primi",
        mid=r"a\s+metà",
        late=r"alla\s+fine|a\s+fine|sul\s+finire",
        last=r"scorso|scorsa|passato|passata|precedente",
        this=r"questo|questa|quest['’]",
        next=r"prossimo|prossima",
        year=r"anno",
        month=r"mese",
        week=r"settimana",
        year_prepositions=r"nel|dal|fino\s+al|entro\s+il|anno|prima\s+del|dopo\s+il|"
        r"nell['’]anno",
        since=r"dal|dall['’]|da",
        of=r"di|del",
        halves=(r"nel\s+primo\s+semestre", r"nel\s+secondo\s+semestre"),
        participle=r"\w+(?:ato|uto|ito)|detto|ammesso|scritto|reso\s+noto|fatto\s+sapere",
        clitics=r"lo|la|l[\'’]|li|le|ne|si|ci|gli",
        future=r"\w+(?:rà|ranno)|prossimo|prossima|previsto|prevista|dovrebbe",
    ),
    "ru": Lexicon(
        verbs=r"заявил|заявила|заявили|заявляет|заявляют|сообщил|сообщила|сообщили|"
        r"сообщает|сообщают|сказал|сказала|сказали|говорит|говорят|отметил|отметила|"
        r"отметили|отмечает|подчеркнул|подчеркнула|подчеркнули|добавил|добавила|"
        r"добавили|пояснил|пояснила|рассказал|рассказала|рассказали|признал|признала|"
        r"предупредил|предупредила|уточнил|уточнила|написал|написала|пишет|пишут|"
        r"утверждает|утверждают|считает|считают|объявил|объявила|объявили|подтвердил|"
        r"подтвердила|подтвердили|опроверг|опровергла|сообщило|заявило|отметило|"
        r"указал|указала|напомнил|напомнила|передает|передаёт|передают",
        aux=r"также|уже|ранее|еще|ещё|вчера|сегодня|тогда|затем|позже|журналистам",
        according=r"по\s+словам|по\s+данным|по\s+информации|по\s+сообщению|по\s+мнению|"
        r"по\s+оценке|по\s+оценкам|согласно",
        as_reported=r"как",
        pronouns=r"он|она",
        determiners=r"этот|эта|это|эти",
        links=r"и",
        prepositions=r"в|во|на|с|со|из|к|ко|у|по|о|об|от|до|при|за|под|над|перед|после|"
        r"для|без|через|между|среди",
        clause=r"что|чтобы|когда|если|потому|хотя|пока|где|который|которая|которые",
        # stems: Russian nouns change their ending with the case ("пресс-секретаря")
        role_nouns=r"(?:полици|правительств|министерств|министр|прокуратур|суд|ведомств|"
        r"пресс-служб|пресс-секретар|представител|эксперт|власт|кремл|президент|"
        r"губернатор|мэр|компани|глав|источник|аналитик|спасател|военн|минобороны|мвд|"
        r"мид)\w*",
        documents=r"доклад|доклада|докладе|исследование|исследования|опрос|опроса|"
        r"данные|данным|отчет|отчёт|отчета|отчёта|документ|документа|статистика|"
        r"статистики|газета|газеты|издание|издания|агентство|агентства|сми|закон|"
        r"законопроект|сайт",
        not_person=r"министерство|правительство|институт|банк|университет|партия|"
        r"агентство|совет|комиссия|суд|республика|союз|улица|город|дума|"
        r"понедельник|вторник|среда|четверг|пятница|суббота|воскресенье",
        months=(
            r"январ[ьяе]",
            r"феврал[ьяе]",
            r"март[аеу]?",
            r"апрел[ьяе]",
            r"ма[йяе]",
            r"июн[ьяе]",
            r"июл[ьяе]",
            r"август[аеу]?",
            r"сентябр[ьяе]",
            r"октябр[ьяе]",
            r"ноябр[ьяе]",
            r"декабр[ьяе]",
        ),  # fmt: skip
        # after "в"/"во" only: "среда" alone is also "the environment"
        weekdays=(
            r"(?<=в\s)понедельник",
            r"(?<=во\s)вторник",
            r"(?<=в\s)среду",
            r"(?<=в\s)четверг",
            r"(?<=в\s)пятницу",
            r"(?<=в\s)субботу",
            r"(?<=в\s)воскресенье",
        ),  # fmt: skip
        yesterday=r"вчера",
        today=r"сегодня",
        tomorrow=r"завтра",
        early=r"в\s+начале",
        mid=r"в\s+середине",
        late=r"в\s+конце",
        last=r"прошлом|прошлой|прошлый|прошлую|минувшем|минувшей|прошедшем",
        this=r"этом|этой|этот|эту|текущем|текущей|нынешнем",
        next=r"следующем|следующей|следующий|будущем|будущей|грядущем",
        year=r"году|год",
        month=r"месяце|месяц",
        week=r"неделе|неделю",
        year_prepositions=r"в|с|до|к|после|по",
        since=r"с|со",
        of="",
        halves=(r"в\s+первом\s+полугодии", r"во\s+втором\s+полугодии"),
        future=r"будет|будут|состоится|состоятся|планирует|планируют|намерен|намерена|"
        r"собирается|пройдет|пройдёт|продолжится|продолжатся|начнется|начнётся|ожидается",
    ),
}
