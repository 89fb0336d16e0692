/**
 * Word lists that keep the name heuristics precise. German capitalises every noun, so a
 * capitalised word after "Frau" or after a first name is not necessarily a surname.
 * All sets hold `nameKey` forms (lower case, ä→ae, ß→ss).
 */
import { nameKey } from './normalise';

function set(list: string): ReadonlySet<string> {
	return new Set(list.split(/\s+/).filter(Boolean).map(nameKey));
}

/** Words that may start a sentence and are never names. */
const FUNCTION_WORDS = `
der die das den dem des ein eine einer einem einen eines und oder aber auch am im in an auf aus
bei mit nach seit von vor zu zum zur über unter durch für gegen ohne um wenn weil dass als wie
wo was wer wen wem er sie es wir ihr ihm ihn ihre ihren ihrem ihrer sein seine seinen seinem
seiner mein meine dein unser unsere euer dieser diese dieses diesen jener alle allen kein keine
keinen nicht nur noch schon dann danach daher deshalb doch jedoch laut gemäß bitte ja nein heute
gestern morgen hier dort da so sehr zudem außerdem weiterhin insgesamt somit also bereits erst
zuletzt zunächst anschließend später inzwischen mittlerweile trotzdem dennoch allerdings sowie
bzw ca etwa ggf tel fax mobil nr usw evtl zb sog inkl bis ab man jemand niemand etwas nichts
alles viel viele wenig wenige einige mehrere beide beiden andere anderen welche welcher welches
ob obwohl damit sodass während wegen trotz statt außer neben zwischen hinter ebenfalls sonst
immer nie oft manchmal selten wieder weiter jetzt nun gerade bisher aktuell derzeit sofort
bald zwar eher lediglich vermutlich offenbar angeblich wohl sicher vielleicht hallo guten liebe
lieber sehr geehrte geehrter mfg gruss gruß viele herzliche beste dank danke betreff betr anlage
wichtig hinweis achtung info notiz vermerk ergebnis fazit anmerkung ebenso zusätzlich
`;

/** Person roles, institutions and other nouns frequent in case notes. */
const NOUNS = `
mutter vater kind kinder eltern elternteil sohn tochter bruder schwester oma opa großmutter
großvater großeltern onkel tante cousin cousine neffe nichte enkel enkelin familie geschwister
baby säugling kleinkind jugendliche jugendlicher jugendlichen lebensgefährte lebensgefährtin
partner partnerin freund freundin freunde freundinnen nachbar nachbarin nachbarn lehrer lehrerin
lehrkraft erzieher erzieherin arzt ärztin kinderarzt kinderärztin hebamme polizei polizist
polizistin beamter beamtin beamte beamten streife jugendamt asd schule kita kindergarten klinik
krankenhaus gericht familiengericht richter richterin anwalt anwältin staatsanwaltschaft vormund
betreuer betreuerin sozialarbeiter sozialarbeiterin herr frau herrn damen dame mädchen junge
jungen mann männer person personen zeuge zeugin zeugen täter opfer beschuldigte beschuldigter
mitarbeiter mitarbeiterin kollege kollegin kollegen leitung schulleitung träger verein amt
behörde wache dienst bezirksdienst kommissariat kripo notruf rettungsdienst feuerwehr
wohnung haus zimmer küche bad keller treppenhaus tür straße auto pkw handy telefon geld schulden
miete alkohol drogen gewalt schläge verletzung verletzungen hämatom hämatome angst hilfe
unterstützung gespräch gespräche hausbesuch termin termine bericht meldung anzeige einsatz
vorfall verdacht gefährdung schutz schutzplan hilfeplan akte protokoll unterlagen deutsch
englisch mathematik mathe sport kunst musik religion biologie geschichte erdkunde sachunterricht
unterricht pause pausen klasse noten zeugnis hausaufgaben essen frühstück mittagessen kleidung
schuhe spielzeug schulsachen fahrrad bus bahn zug arbeit job sozialleistungen bürgergeld
kindergeld unterhalt umgang sorgerecht aufenthalt inobhutnahme notaufnahme rettungswagen
teilnehmende anwesend entschuldigt protokollführung moderation fallführung leitung kita-leitung
gesundheitsamt ordnungsamt sozialamt jobcenter ausländerbehörde standesamt kinderschutz
kinderschutzfachkraft fachkraft insoweit erfahrene fachkraft bezirk kreis stadt gemeinde ort
land bund staat welt deutschland türkei polen rumänien syrien irak iran afghanistan russland
ukraine italien griechenland bosnien serbien kroatien kosovo albanien nigeria ghana guinea
senegal eritrea somalia vietnam libanon marokko tunesien niederlande belgien frankreich spanien
portugal österreich schweiz bulgarien ungarn tschechien europa afrika asien amerika
grundschule gesamtschule realschule hauptschule gymnasium förderschule berufsschule sekundarschule
kinderklinik klinikum hospital praxis beratungsstelle erziehungsberatungsstelle frauenhaus
notunterkunft unterkunft heim wohngruppe einrichtung pflegefamilie bereitschaftspflege
inobhutnahmestelle jugendhilfe hilfen erziehungsbeistand erziehungsbeistandschaft
familienhilfe familienhelferin familienhelfer sozialpädagogische spielplatz skaterplatz
schulhof bahnhof hauptbahnhof supermarkt kaufland aldi lidl rewe edeka netto penny
moschee kirche gemeinde verein sportverein fußballverein trainer trainerin mannschaft
kennzeichen fahrzeug wagen transporter audi bmw vw opel ford mercedes toyota skoda
iban konto bank sparkasse volksbank kasse krankenkasse versicherung email e-mail mail brief
fax nachricht whatsapp chat instagram tiktok snapchat facebook internet video videos foto fotos
bild bilder aussage aussagen angabe angaben hinweise information informationen auskunft
kontakt kontaktdaten adresse anschrift geburtsdatum name namen vorname nachname alter jahre
diagnose befund verdacht untersuchung behandlung medikamente therapie klinik station
gewahrsam festnahme durchsuchung vernehmung strafanzeige ermittlungsverfahren verfahren
körperverletzung diebstahl ladendiebstahl sachbeschädigung bedrohung nötigung beleidigung
missbrauch vernachlässigung kindeswohlgefährdung gefährdungseinschätzung einschätzung
ergebnis maßnahme maßnahmen auflage auflagen frist fristen ziel ziele schritt schritte
schutzkonzept sicherheitsplan absprache absprachen vereinbarung vereinbarungen rückmeldung
kinderschutzbogen rechtsgrundlage datenübermittlung weitergabe dritte dritten sgb kkg bgb stgb
paragraf paragraph absatz satz nummer az aktenzeichen vorgangsnummer vorgang fallnummer fall
raum zimmer gebäude etage stock stockwerk haus block eingang
mama papa baby babys säuglinge zwillinge teenager
kindsvater kindsmutter stiefvater stiefmutter pflegevater pflegemutter pflegeeltern
halbbruder halbschwester schwager schwägerin bekannte bekannter besucher besucherin
druck stress streit ärger sorge sorgen kummer wut trauer freude spaß lust mut ruhe hunger durst
schmerz schmerzen fieber husten krankheit kopf gesicht auge augen ohr ohren mund nase hals arm
arme hand hände bein beine fuß füße rücken bauch brust haut haare körper blut zahn zähne
rauch feuer wasser luft licht strom gas heizung kälte hitze regen schnee wetter müll dreck
schimmel ungeziefer lärm geruch gestank schmutz chaos ordnung sauberkeit hygiene
brot milch kuchen süßigkeiten zigaretten bier wein schnaps tabletten spritze spritzen waffe
messer pistole gürtel stock schlag schläge tritt tritte ohrfeige griff würgen drohung
geld bargeld lohn gehalt rente schuld strafe bußgeld kosten rechnung vertrag kündigung
zeugnis abschluss ausbildung praktikum studium beruf arbeitgeber firma betrieb laden
geschäft büro werkstatt baustelle lager markt kneipe gaststätte restaurant pizzeria imbiss
hotel pension zelt garage garten hof balkon flur treppe aufzug fenster wand boden decke
dach bett sofa tisch stuhl schrank kühlschrank herd ofen toilette dusche badewanne
kinderzimmer schlafzimmer wohnzimmer spielzeug puppe ball computer laptop tablet fernseher
konsole spiel spiele serie film musik lied buch bücher heft hefte tasche rucksack jacke
hose pullover mütze windel windeln flasche schnuller kinderwagen autositz
hausaufgabe hausaufgaben klassenarbeit prüfung test note fehlzeiten fehltage verspätung
unterrichtsausschluss schulpflicht schulweg klassenfahrt ausflug pause frühstückspause
nachhilfe förderung therapie beratung behandlung untersuchung impfung impfungen
verhalten auffälligkeiten entwicklung sprache sprachentwicklung sprachförderung motorik
konzentration aufmerksamkeit schlaf schlafstörungen albträume einnässen einkoten
verletzung prellung bruch wunde narbe narben bluterguss blutergüsse striemen verbrennung
verbrennungen kratzer schürfwunde brandwunde bisswunde fraktur schädel schädelprellung
schütteltrauma untergewicht übergewicht mangelernährung
gewalt drohungen beleidigungen schreie geschrei lärmbelästigung ruhestörung streitigkeiten
konflikt konflikte trennung scheidung umzug auszug einzug rückkehr abschiebung flucht
asyl aufenthaltserlaubnis duldung pass ausweis papiere dokumente unterlagen formular antrag
anträge bescheid bescheide widerspruch klage beschluss urteil anhörung sitzung verhandlung
fallkonferenz konferenz besprechung teamsitzung supervision dokumentation aktenvermerk
vermerk notiz protokoll bericht stellungnahme gutachten attest bescheinigung
entscheidung einschätzung bewertung beobachtung beobachtungen eindruck sorge verdacht
hinweis hinweise anhaltspunkte gefahr risiko risiken schutzfaktoren ressourcen bedarf
hilfebedarf hilfe hilfen angebot angebote unterstützung begleitung betreuung versorgung
kontrolle kontrollen auflage weisung kontaktverbot näherungsverbot wegweisung rückkehrverbot
polizeieinsatz einsatzkräfte rettungskräfte notarzt sanitäter streifenwagen funkwagen
polizeiwagen blaulicht festnahme gewahrsam anzeige ermittlung ermittlungen zeugenaussage
aussage befragung vernehmung durchsuchung beschlagnahme sicherstellung spurensicherung
woche monat jahr wochenende abend nacht morgen uhrzeit zeitraum
ankunft abfahrt abholung übergabe besuch besuche kontakt kontakte umgang umgangskontakt
telefonat anruf anrufe nachricht nachrichten sms email mail brief post paket
ehe beziehung partnerschaft freundschaft liebe vertrauen respekt erziehung
regeln grenzen strafen belohnung taschengeld essen trinken kleidung wäsche
gesundheit krankheit behinderung pflege medikament medikamente alkoholproblem sucht
drogenkonsum cannabis kokain heroin amphetamin spice
religion glaube kirche moschee gebet fasten ramadan bayram opferfest zuckerfest
sprache deutschkurs integrationskurs dolmetscherin übersetzung
situation lage zustand stand entwicklung verlauf ende ergebnis ziel plan idee frage antwort
problem probleme grund gründe ursache folge folgen sache sachen ding dinge art weise
möglichkeit fähigkeit aufgabe rolle teil seite stelle platz raum weg richtung
schüler schülerin schülerinnen mitschüler mitschülerin klassenlehrer klassenlehrerin
schulleiter schulleiterin vertrauenslehrerin vertrauenslehrer hausmeister vermieter vermieterin
dolmetscher dolmetscherin imam pfarrer pfarrerin pastor pastorin
ehemann ehefrau ex exfreund exfreundin
arabisch kurdisch kurmanci kurmancî sorani zazaki türkisch farsi dari paschtu tigrinya amharisch
russisch ukrainisch polnisch rumänisch bulgarisch albanisch serbisch kroatisch bosnisch
italienisch griechisch französisch spanisch portugiesisch niederländisch vietnamesisch somali
romanes dolmetschung sprachmittlung sprachmittlerin sprachmittler
`;

/** Days, months, seasons, holidays, times of day. */
const TIME_WORDS = `
montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag wochenende werktag
januar februar märz april mai juni juli august september oktober november dezember
jan feb mär apr jun jul aug sep sept okt nov dez
frühling frühjahr sommer herbst winter ferien sommerferien herbstferien osterferien
winterferien weihnachtsferien ostern pfingsten weihnachten silvester neujahr karneval fasching
morgen vormittag mittag nachmittag abend nacht mitternacht tag tage woche wochen monat monate
jahr jahren quartal halbjahr schuljahr stunde stunden minute minuten uhr zeit zeitpunkt datum
anfang ende mitte beginn heute gestern vorgestern übermorgen kalenderwoche kw
himmelfahrt fronleichnam allerheiligen heiligabend nikolaus reformationstag karfreitag ostermontag
pfingstmontag rosenmontag aschermittwoch
`;

/** Towns and regions (mainly Westphalia/NRW, larger German and foreign cities). */
const PLACES = `
soest lippstadt warstein werl erwitte geseke anröchte rüthen ense wickede welver lippetal
möhnesee bad-sassendorf sassendorf meschede arnsberg brilon sundern schmallenberg winterberg
marsberg olsberg bestwig eslohe medebach hallenberg paderborn büren salzkotten delbrück
bad-lippspringe gütersloh rheda-wiedenbrück bielefeld herford minden detmold lemgo höxter
hamm unna kamen bergkamen lünen schwerte holzwickede fröndenberg selm werne bönen dortmund
bochum essen gelsenkirchen herne recklinghausen marl dorsten castrop-rauxel witten hagen
iserlohn lüdenscheid menden hemer altena plettenberg siegen olpe attendorn münster ahlen beckum
warendorf oelde coesfeld borken bocholt steinfurt rheine duisburg oberhausen mülheim
düsseldorf köln bonn aachen krefeld mönchengladbach neuss wuppertal solingen remscheid
leverkusen berlin hamburg münchen frankfurt stuttgart hannover bremen leipzig dresden
nürnberg kassel osnabrück braunschweig erfurt mainz kiel lübeck rostock magdeburg halle
potsdam karlsruhe mannheim freiburg augsburg regensburg würzburg saarbrücken wiesbaden
westfalen sauerland ruhrgebiet rheinland lippe möhne ruhr rhein nrw
istanbul ankara izmir antalya adana gaziantep diyarbakır şanlıurfa mardin batman van
warschau krakau kraków danzig gdańsk breslau wrocław posen poznań łódź kattowitz katowice
stettin bukarest timișoara temeswar cluj iași brașov constanța sofia plovdiv belgrad niš
sarajevo tuzla mostar banja zagreb split priština prishtina prizren tirana skopje
damaskus aleppo homs beirut bagdad mossul erbil kabul teheran moskau kiew kyjiw odessa
charkiw lwiw accra kumasi lagos abuja dakar conakry asmara mogadischu hanoi rom mailand
neapel palermo athen thessaloniki amsterdam rotterdam brüssel paris wien zürich
`;

/** Titles that may stand between "Frau/Herr" and the name ("Frau Dr. Weber"). */
export const TITLE_WORDS: ReadonlySet<string> = set(`dr prof med dipl ing mag rer nat phil jur
doktor professor professorin`);

/** Police ranks, used like "Herr/Frau" in police files ("KHK Hoffmann"). */
export const RANK_WORDS: ReadonlySet<string> = set(`pk pkin pok pokin phk phkin pm pmin pom pomin
phm phmin kk kkin kok kokin khk khkin ekhk ekhkin kor korin pr pd kd kom kommissar kommissarin
hauptkommissar hauptkommissarin kriminalhauptkommissar kriminalhauptkommissarin polizeioberkommissar
polizeioberkommissarin polizeihauptkommissar polizeihauptkommissarin polizeikommissar
polizeikommissarin`);

/** Honorifics: the next capitalised word is a name even if it is also a noun ("Frau Sommer"). */
export const HONORIFICS: ReadonlySet<string> = set(`herr herrn frau familie fam hr hrn fr eheleute ehepaar`);

/** Honorifics written as abbreviations: they stand before the name with a full stop ("Fr. Krüger"). */
export const ABBREVIATED_HONORIFICS: ReadonlySet<string> = set(`hr hrn fr fam`);

/** What a cue word says about the person after it: gender, or the role a pseudonym starts with. */
export const CUE_GENDER: ReadonlyMap<string, 'f' | 'm'> = new Map(
	[
		...`frau fr mutter kindsmutter km oma großmutter tante schwester tochter lebensgefährtin nachbarin
		stiefmutter pflegemutter halbschwester cousine nichte enkelin schwägerin ehefrau exfreundin freundin`
			.split(/\s+/)
			.filter(Boolean)
			.map((w) => [nameKey(w), 'f'] as const),
		...`herr herrn hr hrn vater kindsvater kv opa großvater onkel bruder sohn lebensgefährte nachbar
		stiefvater pflegevater halbbruder cousin neffe enkel schwager ehemann exfreund lg`
			.split(/\s+/)
			.filter(Boolean)
			.map((w) => [nameKey(w), 'm'] as const)
	]
);

/** Role abbreviations of case files, used like relation words ("KM Lungu", "LG Dumitrescu"). */
export const ROLE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
	['km', 'mutter'],
	['kv', 'vater'],
	['lg', 'lebensgefaehrte'],
	['lgin', 'lebensgefaehrtin'],
	['kindsmutter', 'mutter'],
	['kindsvater', 'vater']
]);

/**
 * Surnames that are also ordinary German words ("in Kraft treten", "unser Koch", "ein Engel"): a
 * case person of that name is found only where the word is used as a name (cue, first name or
 * initial before it, or as the subject at the start of a sentence).
 */
export const ORDINARY_WORD_SURNAMES: ReadonlySet<string> = set(`
kraft engel kaiser braun koch fischer bauer richter klein wolf schwarz jung hahn horn busch graf
sommer winter stein jäger schuster groß gross weiß weiss fuchs vogel könig lang lange kleine rose
sauer wiese keller frank kurz lamm maurer schmied bach berg brand frei fromm hase storch strauß
strauss stark held ernst schön schoen hoch mai märz april mond stern sonne licht glück freund
`);

/** Words that start the name of an institution: the capitalised words after them are that name ("Kita Arche Noah"). */
export const INSTITUTION_WORDS: ReadonlySet<string> = set(`
kita kitas kindertagesstätte kindertageseinrichtung kindergarten familienzentrum grundschule
schule gesamtschule realschule hauptschule gymnasium förderschule sekundarschule berufskolleg
klinik kinderklinik krankenhaus hospital klinikum wohngruppe jugendzentrum jugendtreff jugendhaus
moschee moscheegemeinde kirchengemeinde pfarrei kirche apotheke praxis hotel restaurant café cafe
gaststätte einrichtung heim kinderheim sportverein verein stiftung caritas diakonie awo
`);

/** Particles inside foreign names that are no German words ("van der Linden", "De Luca", "Abu Saleh"). */
export const FOREIGN_PARTICLES: ReadonlySet<string> = set(`van de da di del della dos das du le la
ter ten abu ben bin ibn el al`);

/** Relations and roles: the next word is a name only if it does not look like a noun. */
export const RELATION_CUES: ReadonlySet<string> = set(`
geschwister stiefopa stiefoma schwiegersohn schwiegertochter patenonkel patentante
nachbar nachbarin nachbarn großvater großmutter oma opa onkel tante bruder schwester halbbruder
halbschwester stiefvater stiefmutter stiefbruder stiefschwester cousin cousine lebensgefährte
lebensgefährtin lebensgefährten freund freundin freundes exfreund exfreundin ex-freund ex-freundin
partner partnerin ex-partner ex-partnerin ehemann ehefrau schwager schwägerin neffe nichte enkel
enkelin sohn tochter vater mutter kindsvater kindsmutter pflegevater pflegemutter erzieher
erzieherin lehrer lehrerin klassenlehrer klassenlehrerin schulleiter schulleiterin
schulsozialarbeiter schulsozialarbeiterin sozialarbeiter sozialarbeiterin vertrauenslehrer
vertrauenslehrerin mitschüler mitschülerin klassenkamerad klassenkameradin trainer trainerin
hausmeister vermieter vermieterin hebamme kinderarzt kinderärztin arzt ärztin oberarzt
oberärztin hausarzt hausärztin anwalt anwältin rechtsanwalt rechtsanwältin betreuer betreuerin
vormund pate patin babysitter babysitterin bekannte bekannter mitbewohner mitbewohnerin zeuge
zeugin beschuldigte beschuldigter tatverdächtige tatverdächtiger imam pfarrer pfarrerin
dolmetscher dolmetscherin familienhelfer familienhelferin schwiegermutter schwiegervater
urgroßmutter uroma uropa kindes vaters mutters bruders onkels tante tantes
staatsanwalt staatsanwältin richter richterin rechtsanwalt rechtsanwältin verfahrensbeistand
verfahrensbeiständin vormünderin amtsvormund amtsvormünderin gutachter gutachterin
`);

/** Words that introduce a name whatever follows ("ein Mann namens Habtom"). */
export const NAMING_CUES: ReadonlySet<string> = set(`namens genannt alias`);

/** Lower-case words that equal a listed first name; a lower-case token is then the word. */
export const LOWERCASE_NOT_NAMES: ReadonlySet<string> = set(`max kurt franz jette malte davor
nasser will`);

/** Official titles that stand between "Herr/Frau" and the name ("Herr Staatsanwalt Reuter"). */
export const ROLE_TITLES: ReadonlySet<string> = set(`
doktor professor professorin pfarrer pfarrerin pastor pastorin bürgermeister bürgermeisterin
staatsanwalt staatsanwältin oberstaatsanwalt oberstaatsanwältin richter richterin direktor
direktorin rektor rektorin konrektor konrektorin rechtsanwalt rechtsanwältin anwalt anwältin
kollege kollegin vorsitzende vorsitzender kommissar kommissarin pater
`);

/**
 * Words after "Frau"/"Herr" that are titles or roles, not surnames ("Frau Doktor",
 * "Frau Mutter A" would be a pseudonym).
 */
export const NOT_AFTER_HONORIFIC: ReadonlySet<string> = set(`
doktor professor professorin pfarrer pfarrerin pastor pastorin bürgermeister bürgermeisterin
kollege kollegin vorsitzende vorsitzender staatsanwalt staatsanwältin direktor direktorin
rektor rektorin konrektor konrektorin mutter vater kind oma opa tante onkel nachbarin nachbar
mitte ende anfang anwalt anwältin richterin rechtsanwalt rechtsanwältin
`);

/** Determiners/possessives before "Frau"/"Herr" make them ordinary nouns ("eine Frau Mitte 40"). */
export const DETERMINERS: ReadonlySet<string> = set(`
der die das den dem des ein eine einer einem einen eines kein keine keiner keinem keinen jede
jeder jedem jeden diese dieser diesem diesen welche welcher sein seine seiner seinem seinen ihr
ihre ihrer ihrem ihren mein meine meiner deren dessen unsere andere anderen junge jungen ältere
älteren alte alten fremde fremden unbekannte unbekannten
`);

/** Lowercase particles inside names ("Maria de Souza", "Ursula von der Leyen"). */
export const NAME_PARTICLES: ReadonlySet<string> = set(`von van der de da di del della dos das
du le la al el bin ibn ben ter ten zu`);
/** German particles that are far more often prepositions ("Frau Krüger von der Schule"). */
export const GERMAN_PARTICLES: ReadonlySet<string> = set(`von der zu`);

/** Lowercase words that are also surnames; a lowercase occurrence is the word, not the name. */
export const LOWERCASE_WORDS: ReadonlySet<string> = set(`
lange lang klein weiss weiß braun schwarz jung alt kurz gross groß frank frei hart reich fromm
gut fuchs wolf koch bauer vogel hahn stein horn busch graf engel sommer winter kaiser könig
otto rose roth kraus krause fromme kleine nur schon mal ja so da nah fern wild mild still
sauer wach froh heil licht dick
`);

export const STOP_WORDS: ReadonlySet<string> = new Set([
	...set(FUNCTION_WORDS),
	...set(NOUNS),
	...set(TIME_WORDS)
]);
export const FUNCTION_WORD_SET: ReadonlySet<string> = set(FUNCTION_WORDS);
export const TIME_WORD_SET: ReadonlySet<string> = set(TIME_WORDS);
export const PLACE_SET: ReadonlySet<string> = new Set(
	[...set(PLACES)].flatMap((p) => [p, p.replace(/-/g, ' ')])
);

/** Endings of German abstract/derived nouns; such words are not surnames. */
export const NOUN_SUFFIX_RE =
	/(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ität|itäten|ismus|nis|nisse|tum|ment|chen|lein|erei|amt|ämter|stelle|gericht|schule|klinik|zentrum|dienst|haus|platz|straße|strasse|weg|gruppe|verein|arzt|ärztin|beamte|beamtin|leitung|mutter|vater|kinder|eltern)$/;
