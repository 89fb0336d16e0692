/**
 * German vehicle registration plates ("SO-AB 123", "HSK-X 42", "LP AB 1234", "SO AB 123E").
 * The district code must be a real Unterscheidungszeichen; without that check any
 * "XY AB 12" (paragraph numbers, case codes) would look like a plate.
 */

/** Unterscheidungszeichen: all current NRW codes and the common ones of the other Länder. */
const CODES = `
A AA AB ABG ABI AC AE AH AIC AK ALF AM AN ANA AÖ AP AS AUR AW AZ B BA BAD BAR BB BBG BC BD BE BGL
BI BIR BIT BK BL BLK BM BN BO BOH BOR BOT BRA BRB BRI BS BT BTF BÜR BÜS BZ C CB CE CHA CLP CO
COC COE CUX CW D DA DAH DAN DAU DBR DD DE DEG DEL DGF DH DIN DL DLG DM DN DO DON DU DÜW E EA EBE
ED EE EF EI EIC EL EM EMD EMS EN ER ERB ERH ES ESW EU EUS F FB FD FDS FF FFB FG FL FN FO FR FRG
FRI FS FT FÜ G GAP GE GER GF GG GI GL GLA GM GÖ GP GR GRZ GS GT GTH GÜ GZ H HA HAL HAM HAS HB HBN
HD HDH HE HEF HEI HER HF HG HGN HGW HH HI HL HM HN HO HOL HOM HP HR HRO HS HSK HST HU HVL HWI HX
HZ IGB IK IL IN IZ J JL K KA KB KC KE KEH KF KG KH KI KIB KL KLE KN KO KR KS KT KU KÜN KUS KYF L
LA LAU LB LD LDK LDS LER LEV LG LH LI LIF LIP LL LM LÖ LOS LP LRO LU LÜD LUP LWL M MA MB MD ME MEI
CAS ERK GEL JÜL MON SLE
MES MG MH MI MIL MK MKK ML MM MN MO MOL MOS MR MS MSE MSH MSP MST MTK MÜ MÜR MVL MW MYK MZ MZG N
NB ND NDH NE NEA NES NEW NF NI NK NM NMS NOH NOL NOM NR NU NVP NW NWM OA OAL OB OD OE OF OG OH
OHA OHV OHZ OL OPR OS OSL OVP P PA PAF PAN PB PCH PE PF PI PIR PLÖ PM PR PS R RA RD RE REG RO
ROS ROW RP RS RT RÜD RV RW RZ S SAD SAL SAW SB SC SDL SE SG SH SHA SHG SHK SHL SI SIG SIM SK SL
SLF SLK SLS SM SN SO SOK SÖM SON SP SPN SR ST STA STD STL SU SÜW SW SZ TBB TDO TF TG TIR TÖL TR
TS TÜ TUT UE UER UH UL UM UN V VB VEC VER VIE VK VS W WAF WAK WAN WAR WAT WB WE WEN WES WF WHV
WI WIL WIT WL WM WN WND WO WOB WST WT WTM WÜ WUG WUN WW Z ZW
`;

export const PLATE_CODES: ReadonlySet<string> = new Set(CODES.split(/\s+/).filter(Boolean));

// Code, separator, 1–2 letters, optional separator, 1–4 digits, optional E (electric) or
// H (historic). Boundaries keep it out of longer words and numbers.
const PLATE_RE =
	/(?<![\p{L}\p{N}-])([A-ZÄÖÜ]{1,3})(?:-| - | |-\s)([A-Z]{1,2})[ -]?([1-9]\d{0,3})([EH])?(?![\p{L}\p{N}])/gu;

export interface Span {
	start: number;
	end: number;
}

export function findPlates(text: string): Span[] {
	const out: Span[] = [];
	for (const m of text.matchAll(PLATE_RE)) {
		const [whole, code, letters, digits] = m;
		if (!PLATE_CODES.has(code)) continue;
		// A plate has at most 8 letters and digits; one more is tolerated as a typo ("HAM-DR 4021").
		if (code.length + letters.length + digits.length > 9) continue;
		out.push({ start: m.index, end: m.index + whole.length });
	}
	return out;
}
