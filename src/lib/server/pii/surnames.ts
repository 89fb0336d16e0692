/**
 * Frequent surnames in Germany (German and of the larger immigrant communities). Written out
 * by hand. Used (a) to accept the word after a first name as its surname and (b) for the
 * ones in DISTINCT, to flag a surname standing alone ("Pohl ist polizeibekannt").
 */
import { nameKey } from './normalise';

/** Surnames that are not also ordinary German words: safe to flag on their own. */
const DISTINCT = `
Müller Schmidt Schneider Meyer Weber Wagner Becker Schulz Hoffmann Schäfer Koch Schröder
Neumann Krüger Hofmann Hartmann Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze
Maier Köhler Herrmann Walter Mayer Huber Peters Scholz Möller Schubert Friedrich Keller Günther
Berger Winkler Lorenz Baumann Franke Albrecht Ludwig Böhm Kraus Schumacher Krämer Vogt Seidel
Heinrich Brandt Haas Schreiber Schulte Dietrich Ziegler Kuhn Kühn Pohl Bergmann Voigt Sauer
Pfeiffer Wolff Hahn Arnold Beck Büttner Thiel Lange Brinkmann Hansen Petersen Jansen Jensen
Nowak Hüsken Rüther Tillmann Wiemann Stratmann Hennecke Schütte Wigger Kleine Luig
Hagedorn Hanses Köster Ostermann Overmann Plümpe Quante Rose Schürmann Stemmer Steinhoff
Wiese Wulf Zimmermann Fischer Bauer Richter Klein Wolf Schwarz Braun Jung Hahn Roth Frank
Engel Horn Busch Graf Sommer Winter Stein Jäger Schuster Otto Simon Martin Thomas Groß Weiß
Kaiser Fuchs Vogel König Lang Hermann Kuhlmann Lohmann Rademacher Dreier Gerdes
Achterberg Diekmann Feldmann Heitmann Holtkamp Hölscher Knoche Menne Nolte Schlüter
Tewes Többen Vieth Westermann Wittkamp Blome Bröckelmann Fromme Kersting Rinsche
Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan
Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Karataş Erdoğan Güneş Aksoy Aktaş Akın Bulut
Çakır Coşkun Ateş Türk Kaplan Keskin Tekin Ünal Uçar Sarı Gündoğdu Bozkurt Durmaz Erdem Ekinci
Özer Yavuz Tunç Acar Avcı Altun Başaran Bayram Duman Ergün Güler Işık Kalkan Karaca Kocabaş
Kowalski Kowalczyk Nowakowski Wiśniewski Wiśniewska Wójcik Kamiński Kamińska Lewandowski
Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk
Piotrowski Grabowski Nowicki Pawłowski Michalski Wróbel Zając Król Wieczorek Jabłoński
Majewski Olszewski Stępień Malinowski Dudek Górski Pawlak Witkowski Walczak Sikora Baran
Rutkowski Michalak Szewczyk Ostrowski Tomaszewski Pietrzak Kaczmarek Zalewski Wróblewski
Iwanow Iwanowa Ivanov Ivanova Petrow Petrowa Petrov Petrova Smirnow Smirnov Kusnezow Popow
Wolkow Sokolow Lebedew Koslow Nowikow Morosow Pawlow Fjodorow Schmidt Kovalenko Bondarenko
Tkachenko Kravchenko Shevchenko Melnyk Boyko Koval Oliynyk Lysenko Marchenko Rudenko Savchenko
Hoffmeister Neufeld Penner Friesen Dyck Klassen Wiens Janzen Enns Unruh Reimer Töws Braun
Al-Hassan Al-Ahmad Al-Ali Al-Khatib Al-Masri Haddad Hamdan Khalil Mansour Nasser Saleh Saad
Sleiman Younes Darwish Abboud Aziz Chahine Farhat Hammoud Issa Jaber Kassem Mahmoud Moussa
Nassar Obeid Rahman Sabbagh Said Shaheen Suleiman Yassin Zaher Haidari Ahmadi Hosseini
Mohammadi Rezaei Karimi Rahimi Hashemi Jafari Sultani Popal Noori Sadat Stanekzai Wardak
Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin
Marin Mihai Tudor Florea Moldovan Lazăr Dinu Nistor Enache Cristea Oprea Sârbu Vasile Ungureanu
Esposito Russo Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano
Mancini Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli
Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola Amato
Hodžić Hadžić Mehmedović Begić Delić Kovačević Hasanović Ibrahimović Suljić Omerović
Marković Petrović Jovanović Nikolić Đorđević Stojanović Ilić Stanković Pavlović Milošević
Horvat Kovačić Babić Marić Jurić Novak Knežević Vuković Perić Tomić Krasniqi Gashi Berisha
Morina Shala Hoxha Bytyqi Kelmendi Rexhepi Hasani Ahmeti Osmani Mustafa
Papadopoulos Papadopoulou Georgiou Nikolaou Dimitriou Konstantinou Papageorgiou Vasileiou
Ioannidis Christodoulou Karagiannis
Mensah Owusu Boateng Asante Osei Adjei Agyeman Appiah Danso Frimpong Amoah Okafor Okonkwo
Okeke Eze Nwosu Adeyemi Oyelaran Babatunde Diallo Traoré Coulibaly Keita Konaté Sow Bah
Camara Cissé Touré Diop Ndiaye Fall Sy Mbaye Kamara Sesay Conteh
Nguyen Tran Pham Hoang Phan Huynh Vo Dang Bui Ngo Duong Ly
Garcia García Fernández Fernandez González Gonzalez Rodríguez Rodriguez López Lopez Martínez
Martinez Sánchez Sanchez Pérez Perez Gómez Gomez Silva Santos Pereira Ferreira Oliveira Costa
Rodrigues Alves
`;

/** Also ordinary words or first names: a surname only after a cue or a first name. */
const COMMON_WORD = `
Fischer Bauer Richter Klein Wolf Schwarz Braun Jung Hahn Roth Frank Engel Horn Busch Graf
Sommer Winter Stein Jäger Schuster Otto Simon Martin Thomas Groß Weiß Kaiser Fuchs Vogel König
Lang Lange Hermann Werner Walter Friedrich Heinrich Ludwig Arnold Albrecht Lorenz Dietrich
Koch Kleine Rose Kurt Kara Baran Türk Pop Stan Marin Fall Sy Bah Eze Ly Vo Bui Ngo Dang
Novak Mazur Issa Said Aziz Nasser Mustafa Bruno Costa Leone Serra Amato Gentile Mihai Tudor
Radu Constantin Vasile Gheorghe Matei Silva Santos Keller Sauer Beck Kraus
Wiese Kaplan Bayram Friesen Klassen Wiens Enns Martini Ferrara Sow Tran Penner Franke
`;

const commonWordKeys = new Set(COMMON_WORD.split(/\s+/).filter(Boolean).map(nameKey));

function keys(list: string): string[] {
	return list.split(/\s+/).filter(Boolean).map(nameKey);
}

/** Any listed surname (nameKey). */
export const SURNAMES: ReadonlySet<string> = new Set([...keys(DISTINCT), ...commonWordKeys]);

/** Surnames that may be flagged without a cue (nameKey). */
export const DISTINCT_SURNAMES: ReadonlySet<string> = new Set(
	keys(DISTINCT).filter((k) => !commonWordKeys.has(k))
);

/** Surnames that are also ordinary words ("der Koch", "ein Bauer") (nameKey). */
export const COMMON_WORD_SURNAMES: ReadonlySet<string> = commonWordKeys;

/** The raw list, for the benchmark's synthetic persons. */
export function surnameList(): string[] {
	return [...new Set(DISTINCT.split(/\s+/).filter((s) => s && !s.includes(' ')))];
}
