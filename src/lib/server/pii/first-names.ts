/**
 * First names common among people living in Germany, grouped by origin. Written out by hand
 * (no external data set), spelled as they usually appear in German files, with and without
 * diacritics. Lookup goes through `nameKey`, so ä/ae, ş/s, ł/l etc. need not be listed twice.
 * Gender is only used to pick between family members sharing a surname ("Herr Kowalczyk").
 */
import { nameKey } from './normalise';

const FEMALE = `
Anna Anne Annika Anja Andrea Angela Angelika Anke Annette Antje Astrid Barbara Beate Bettina
Bianca Birgit Brigitte Britta Carina Carla Carmen Carolin Caroline Charlotte Christa Christiane
Christina Christine Clara Claudia Corinna Cornelia Dagmar Daniela Diana Doris Dorothea Edith
Elena Elfriede Elisabeth Elke Ella Ellen Elli Elsa Else Emilia Emily Emma Erika Esther Eva
Evelyn Franziska Frieda Friederike Gabriele Gerda Gertrud Gisela Greta Gudrun Hanna Hannah
Hannelore Heike Helene Helga Henriette Hildegard Ida Ilona Ilse Inge Ingrid Irene Isabel
Isabell Isabella Jacqueline Jana Janina Jasmin Jennifer Jessica Johanna Josefine Judith Julia
Juliane Jutta Karin Karla Katharina Kathrin Katja Katrin Kerstin Klara Larissa Laura Lea Leah
Lena Leni Leonie Lilli Lilly Lina Linda Lisa Luisa Luise Lotta Lotte Luna Mara Mareike
Margarete Margot Maria Marie Marina Marion Marlene Martina Melanie Melina Mia Michelle Milena
Miriam Monika Nadine Nadja Natalie Nele Nicole Nina Nora Paula Petra Pia Ramona Regina Renate
Rita Rosemarie Ruth Sabine Sabrina Sandra Sara Sarah Saskia Silke Simone Sofia Sophia Sophie
Stefanie Stephanie Susanne Svenja Tanja Theresa Tina Ulrike Ursula Ute Vanessa Vera Verena
Viktoria Waltraud Yvonne Zoe Chantal Mandy Peggy Cindy Nancy Denise Kristina Jule Finja Fiona
Frida Romy Merle Ronja Emely Amelie Alina Alessia Anni Maja Marlies Helena Magdalena Mathilda
Matilda Paulina Pauline Rebecca Rebekka Selina Stella Svea Tabea Tamara Valentina Vivien Wilma
Hedwig Hermine Irmgard Liselotte Lieselotte Käthe Anneliese Annemarie Marianne Ingeborg
Sieglinde Heidi Heidemarie Roswitha Gaby Gabi Bärbel Uschi Carola Conny Manuela Michaela
Patricia Sonja Sylvia Silvia Susan Janine Jeanette Lara Jolina Joleen Chiara Emilie Lia Liv
Malia Mila Nala Thea Alma Ava Elin Emmi Enna Fenja Hailey Holly Isabelle Jette Jolie Juna Kira
Luana Lucy Maya Mina Nova Sina Tessa Yara Zoey Leila Annabell Katarina Kathleen Carolina
Kristin Doreen Ines Ivonne Jenny Lydia Madeleine Marleen Martha Meike Natascha Olivia Rieke
Ricarda Rosalie Sandy Sybille Ulla Wiebke Anett Annett Ilka Imke Inka Kornelia Undine Svetlana
Lucie Luzie Leona Emilie Ilvy Elisa Elina Amira Nelly Liana Ayleen Aaliyah Celine Chayenne
Angelique Jacky Jaqueline Justine Kimberly Melissa Stacy Chelsea Ashley Tiffany Brittany
Sharon Kelly Wendy Chloe Josephine Henrike Antonia Victoria Marit Wibke Hella Hanne Dörte
Gesine Frauke Elke Inga Heidrun Ortrud Almut Edeltraud Gertraud Hiltrud Helma Ilse
Ayşe Fatma Emine Hatice Zeynep Elif Merve Büşra Esra Özlem Derya Sevgi Sevim Gül Gülsüm Gülay
Gülten Songül Nurcan Aylin Ayla Aynur Hülya Dilek Filiz Serpil Sibel Tuba Tuğba Yasemin Yeliz
Melek Meryem Emel Ebru Esma Eda Ece Ecrin Ela Elanur Hira İrem Kübra Leyla Melike Nazlı Nesrin
Necla Nilay Nihal Pınar Rabia Sena Selin Seda Sema Şeyma Şükran Tülay Ümran Yağmur Zehra Zeliha
Bahar Canan Cansu Dilara Duygu Elçin Gizem Gönül Hacer Handan Havva Hanife Lale Nergis Nermin
Nilgün Nurten Perihan Saadet Sabiha Safiye Semra Serap Sevda Sevil Sevinç Şerife Türkan Yüksel
Zübeyde Zümra Azra Asya Defne Ayşegül Begüm Beyza Cemile Elvan Esin Feride Gülşen Hale Hilal
Işıl Menekşe Aleyna Betül Buket Gülcan Gülizar Habibe Hediye Kezban Saliha Sinem Tuana Yaren
Berfin Rojda Zozan Dilan Helin Hêvîn Rojin Ronahi Şirin Viyan Jiyan Nupelda Evîn Beritan
Newroz Berivan Delal Hêlîn Nurhayat Rewşen Gulistan Avesta Zelal Zerya Xezal Rûken
Aisha Aischa Aya Ayat Fatima Fatimah Maryam Mariam Noor Nour Layla Laila Yasmina Salma Rania
Rana Hana Hanan Huda Hiba Iman Lamar Lama Malak Mona Muna Nadia Nawal Rim Reem Ruqayya Safa
Samira Sana Sawsan Shaima Suha Zainab Zeinab Zahra Dalia Duaa Farah Ghada Hadil Hala Heba Israa
Khadija Lubna Manal Maysa Mayar Nisreen Noura Rahaf Rawan Rasha Ranim Razan Ruba Sahar Samar
Shahd Tasnim Wafaa Widad Zeina Asmaa Batoul Doaa Esraa Habiba Jamila Judy Lujain Marwa Mirna
Nermeen Ola Raghad Rama Rawia Rola Siham Soha Taghrid Aischa Amani Bushra Dima Dunja Hayat
Jumana Lamia Loujain Maha Maram Nagham Rahma Sajida Salwa Sumaya Wiam Yusra Zina
Parisa Shirin Soraya Roya Nasrin Fereshteh Mahsa Azadeh Farzaneh Niloufar Shabnam Tahmina
Zarina Fariba Mahboba Marzia Freshta Setareh Mahnaz Homa Golnaz Nazanin Yalda Zohra Masuma
Agnieszka Aleksandra Alicja Beata Danuta Dorota Ewa Ewelina Halina Irena Iwona Izabela Jadwiga
Joanna Jolanta Justyna Kamila Karolina Katarzyna Kinga Krystyna Małgorzata Marta Natalia Oliwia
Patrycja Renata Sylwia Teresa Urszula Weronika Wiktoria Zofia Zuzanna Agata Bożena Elżbieta
Grażyna Lucyna Marzena Stanisława Wanda Zdzisława Genowefa Gabriela Dominika Amelia Hania
Lilianna Aniela Bogumiła Jagoda Ludmiła Mirosława Roksana Wioletta Żaneta
Olga Swetlana Natalja Tatjana Tatiana Irina Jelena Galina Ljudmila Lyudmila Ludmila Marina
Nadeschda Nadezhda Oksana Olena Walentina Wera Jekaterina Ekaterina Anastasia Anastasija Darja
Daria Polina Ksenia Xenia Kseniya Sofiia Sofija Julija Yulia Inna Alla Walja Ljuba Lyubov Raisa
Zoja Valeria Walerija Veronika Milana Karina Uljana Albina Angelina Arina Jewgenija Evgenia
Iryna Halyna Mariia Khrystyna Solomiia Zlata Vasilisa Snezhana Sneschana Ljubow Nataliya
Tetiana Viktoriia Yana Anzhela Oleksandra Liudmyla Kateryna Alisa Jewgenia Warwara Varvara
Mihaela Ioana Andreea Adriana Cristina Florentina Georgiana Ionela Larisa Loredana Nicoleta Oana
Roxana Simona Teodora Violeta Alexandra Denisa Iulia Mădălina Raluca Corina Camelia Anca
Luminița Rodica Viorica Cătălina Sorina Petronela Andrada Anamaria Florina Alina Elisabeta
Giulia Francesca Martina Aurora Giorgia Federica Alice Beatrice Camilla Ginevra Gaia Ilaria
Lucia Ludovica Paola Roberta Serena Rosaria Antonella Annalisa Carmela Concetta Donatella
Gianna Giovanna Giuseppina Immacolata Marisa Nunzia Patrizia Raffaella Vincenza Angelina
Assunta Filomena Rosalba Graziella Letizia Ornella
Selma Amra Emina Lejla Ajla Aida Amina Belma Dženana Edina Elma Emira Jasmina Lamija Medina
Merima Mirela Nermina Sabina Sanela Senada Suada Vildana Ana Ivana Marija Milica Mirjana
Nataša Snežana Tijana Vesna Dragana Gordana Jovana Biljana Branka Danijela Ljiljana Nada
Nevena Sanja Slavica Zorica Arta Besa Blerta Donika Drita Elira Elona Fatjona Jehona Liridona
Mimoza Rina Vlora Adelina Albulena Arbnora Edona Fjolla Teuta Vjosa Marijana Mersiha Amela
Abena Adjoa Adwoa Akosua Ama Afia Efua Esi Yaa Akua Aminata Fatoumata Fatou Mariama Aissatou
Kadiatou Hawa Binta Djeneba Awa Oumou Ngozi Chioma Chinwe Chiamaka Adaeze Amara Nneka Ifeoma
Funmilayo Folake Yetunde Bisi Kemi Adebola Precious Comfort Gifty Mercy Patience Joy Grace
Favour Temitope Titilayo Nkechi Obiageli Efe Ebele Uzoma Nana Ayodele Oluwakemi
Semhar Selam Hiwet Saba Ruta Hodan Fadumo Sahra Amal Ayaan Ifrah Ladan Nimco Helen Senait
Lan Hoa Huong Linh Ngoc Thao Trang Thu Hanh Hang Phuong Nhung Tuyet Diep Nga Quynh Thuy
Carmen Isabel Mariana Beatriz Catarina Juliana Fernanda Camila Ximena Rocío Pilar Dolores
Eleni Katerina Georgia Dimitra Ioanna Vasiliki Despina Paraskevi Athina Eirini Stavroula
Konstantina Panagiota Theodora Evangelia Niki Chrysoula Maria Sofia Elena
`;

const MALE = `
Alexander Andreas Axel Bastian Ben Benjamin Bernd Bernhard Björn Carsten Karsten Christian
Christoph Claus Klaus Daniel David Dennis Detlef Dieter Dirk Dominik Edgar Egon Elias Emil Erich
Erik Erwin Eugen Fabian Felix Finn Florian Frank Franz Friedrich Fritz Georg Gerd Gerhard Günter
Günther Gustav Hans Harald Hartmut Heiko Heinrich Heinz Helmut Hendrik Henning Henrik Herbert
Hermann Holger Horst Hubert Hugo Ingo Jakob Jan Jannik Jens Joachim Jochen Johann Johannes Jonas
Jonathan Jörg Jürgen Julian Justin Kai Karl Kevin Konrad Kurt Lars Leon Leonard Leo Lothar
Luca Lukas Lutz Malte Manfred Marc Marcel Marco Marius Markus Marcus Martin Mathias Matthias Max
Maximilian Michael Mike Moritz Nico Niklas Nils Noah Norbert Olaf Oliver Oskar Otto Pascal
Patrick Paul Peter Philipp Rainer Ralf Ralph René Reinhard Richard Robert Robin Roland Rolf
Rudolf Rüdiger Sascha Sebastian Siegfried Simon Stefan Stephan Steffen Sven Thomas Thorsten
Torsten Tim Timo Tobias Tom Uwe Ulrich Volker Walter Werner Wilhelm Willi Wolfgang Yannick
Jannis Janis Till Theo Anton Arne Benno Bodo Bruno Carl Constantin Konstantin Dustin Enrico
Eckhard Ferdinand Frederik Friedhelm Gregor Hannes Hauke Heiner Helge Jannes Jasper Joscha
Justus Kilian Knut Lennart Lennard Levin Linus Lorenz Louis Luis Ludwig Magnus Mats Matteo
Mattis Michel Milan Mirko Niclas Ole Piet Raphael Rafael Ruben Samuel Sönke Tjark Valentin
Vincent Wilfried Wim Silas Ansgar Arnold Burkhard Dietmar Dietrich Eberhard Ewald Gernot Hagen
Heino Helmuth Jörn Kuno Marvin Mirco Nick Ronny Rico Sandro Steve Torben Ulf Waldemar Winfried
Jayden Henry Liam Lio Leano Matti Malik Mika Jason Ryan Dylan Tyler Brandon Jeremy Ricky
Aaron Jack Harry William James John Steven Maik Mario Dieter Heinz-Jürgen Karl-Heinz Hans-Peter
Jan-Niklas Finn-Luca Ben-Luca Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Murat Osman
Yusuf Ömer Ramazan Halil Süleyman Abdullah Mahmut Recep Salih Kemal Orhan Serkan Emre Burak
Mert Can Cem Engin Erkan Ercan Erdal Erdem Erol Ersin Fatih Ferhat Gökhan Hakan Harun Kaan Kerem
Levent Metin Necati Nihat Oğuz Onur Özgür Rıza Sedat Selim Semih Serdar Sinan Tarık Tuncay
Turgut Uğur Umut Volkan Yasin Yunus Zafer Baran Berat Berkay Batuhan Eren Emir Enes Furkan
Hamza Kağan Miraç Talha Taha Yiğit Alp Arda Aras Atakan Ayhan Bülent Cengiz Cihan Coşkun Ekrem
Emin Emrah Erhan Fikret Güven İlhan Kadir Kenan Mesut Muhammet Muharrem Mümin Nail Necmettin
Nurettin Oktay Rahmi Sabri Sadık Selçuk Sezer Şükrü Taner Tayfun Tolga Turan Vedat Yakup Yaşar
Yavuz Yücel Zeki Serhat Rojhat Azad Berzan Dilşad Hejar Heval Kawa Rêber Rezan Şiyar Welat Zana
Zagros Mazlum Ciwan Cudi Delil Fırat Agit Ararat Memo Şêrko Rênas Dîlan Bawer Azat Hozan
Ahmad Ahmed Mohammad Mohammed Muhammad Mohamed Mahmoud Mahmud Khaled Khalid Omar Umar Hassan
Hussein Husain Hussain Youssef Yousef Jussuf Karim Kareem Moustafa Abdallah Abdul Abdel Adnan
Amir Amin Anas Ayman Bilal Fadi Faisal Feras Firas Ghassan Hadi Hamid Hani Haytham Hisham Imad
Issa Jamal Jamil Kamal Khalil Louay Majid Malek Marwan Mazen Moataz Muhannad Mounir Nabil
Nader Nasser Nizar Osama Qasim Rami Ramy Riad Saad Said Saleh Salim Sami Samer Tarek Tariq Wael
Walid Yahya Yasser Yassin Zaid Zakaria Ziad Ammar Aziz Basel Bashar Emad Fares Ghaith Jawad
Khaldoun Laith Maher Mohannad Obada Rabih Raed Rashid Safwan Tamer Usama Wassim Yazan Zain Majd
Mouaz Mahdi Mehdi Reza Morteza Hossein Abbas Javad Saeed Farid Navid Omid Behnam Dariush Kian
Parsa Arash Babak Mansour Masoud Nima Ramin Shahram Wahid Zabihullah Habib Naser Sayed Samiullah
Rahim Rahman Nasrullah Jawid Mirwais Najib Qadir Sharif Sohail Hamed Mojtaba Ehsan Hamid
Adam Andrzej Bartosz Bartłomiej Dariusz Dawid Grzegorz Henryk Jacek Jakub Janusz Jarosław Jerzy
Józef Kamil Kazimierz Krzysztof Leszek Łukasz Maciej Marcin Marek Mariusz Mateusz Michał
Mieczysław Mikołaj Paweł Piotr Przemysław Rafał Ryszard Sławomir Stanisław Szymon Tadeusz
Tomasz Wiesław Wojciech Zbigniew Zdzisław Kacper Filip Franciszek Antoni Wiktor Igor Patryk
Damian Artur Arkadiusz Ireneusz Zenon Bogdan Bronisław Czesław Edward Eryk Jędrzej Konrad Olaf
Alexej Alexei Aleksej Aleksandr Andrej Andrei Anatoli Artjom Artem Artyom Boris Dmitri Dmitrij
Dmitry Denis Eduard Gennadi Georgi Grigori Ilja Ilya Iwan Ivan Jewgeni Evgeny Juri Yuri Jurij
Kirill Leonid Maxim Maksim Michail Mikhail Nikita Nikolai Nikolaj Oleg Pawel Pavel Pjotr
Ruslan Sergej Sergei Sergey Stanislaw Timur Vadim Wadim Walentin Valeri Waleri Viktor Vitali
Witali Vladimir Wladimir Vladislav Wladislaw Wjatscheslaw Yaroslav Jaroslaw Oleksandr Oleksii
Mykola Mykhailo Danylo Taras Vasyl Yurii Volodymyr Andrii Dmytro Serhii Vitalii Petro Maksym
Stepan Yevhen Arsenii Matvii Tymofii Makar Lev Gleb Egor Jegor Fjodor Fedor Semjon Arkadi
Anatolij Jakow Jaroslav Ostap Rostyslav Sviatoslav Valerii Vasilij Wassili Wiktor
Ionuț Ion Ioan Alexandru Adrian Cătălin Claudiu Cosmin Costel Cristian Dan Dorin Dragoș Florin
Gabriel Gheorghe George Ilie Iulian Lucian Marian Mihai Mircea Nicolae Ovidiu Petru Radu Răzvan
Sorin Ștefan Teodor Vasile Viorel Virgil Laurențiu Liviu Silviu Sergiu Tudor Victor Darius
Fănel Costică Ciprian Marcel Remus Sebastian
Salvatore Giuseppe Giovanni Antonio Francesco Luigi Angelo Vincenzo Pietro Carlo Franco
Domenico Paolo Michele Giorgio Aldo Sergio Luciano Alessandro Lorenzo Leonardo Gabriele
Riccardo Tommaso Edoardo Federico Davide Stefano Fabio Massimo Maurizio Claudio Gianluca
Daniele Enzo Emanuele Raffaele Rocco Gaetano Carmine Calogero Gennaro Ciro Pasquale Nunzio
Cosimo Mattia Alessio Filippo Diego Manuel Samuele Nicolò Gianni Renato Silvio Valerio Dario
Enrico Ettore Ottavio Umberto Giacomo Vito Sandro Corrado
Amar Edin Alen Amel Armin Damir Dino Elvis Enis Haris Irfan Mirza Muhamed Nedim Samir Sead
Senad Tarik Zlatan Almir Anel Ajdin Admir Asmir Davor Dragan Dragoljub Goran Ivica Josip Luka
Marko Miloš Miroslav Nemanja Predrag Radovan Slobodan Srđan Stjepan Zoran Željko Dejan Bojan
Darko Mladen Nenad Vuk Aleksandar Dušan Ante Tomislav Hrvoje Arben Ardit Arian Armend Bekim
Besart Besnik Blerim Driton Fatmir Fisnik Florent Gentian Ilir Kujtim Leotrim Lirim Valon
Valmir Ylli Agon Albion Arber Arlind Dardan Dren Endrit Erion Shkelzen Ermal Eron Edis Ensar
Kofi Kwame Kwabena Kwaku Kwasi Kojo Yaw Kobina Kweku Ebo Fiifi Kobby Chukwuemeka Chinedu Chidi
Emeka Obinna Ikenna Nnamdi Uche Chibuzo Tochukwu Olumide Oluwafemi Tunde Babatunde Adebayo
Femi Segun Tobi Kehinde Taiwo Idowu Musa Ibrahima Mamadou Moussa Oumar Abdoulaye Amadou
Boubacar Cheikh Lamine Modou Ousmane Souleymane Seydou Sekou Alassane Aliou Babacar Demba
Malick Bakary Lansana Alhassan Kwadwo Emmanuel Godwin Prince Ebenezer Innocent Justice Richmond
Kelvin Collins Felix Eric
Yonas Dawit Tesfay Habtom Berhane Filmon Merhawi Yohannes Abel Mulugeta Tekle Biniam Robel
Abdirahman Abdirahim Abdikarim Abdiaziz Mohamud Liban Guled Jama
Minh Tuan Hung Duc Dung Quang Long Nam Thanh Huy Khanh Bao Phuc Hieu Hoang Vinh Trung Tien
Quoc Kiet
Jose José Juan Carlos Miguel Pedro Pablo Javier Alejandro Fernando Ricardo Jorge João Tiago
Rui Nuno Dimitrios Georgios Konstantinos Ioannis Nikolaos Christos Panagiotis Vasileios
Athanasios Evangelos Stavros Spyridon Kostas Giannis Nikos Yannis Stelios Thanasis Alexandros
Michalis Petros Sotirios Theodoros
`;

/** Used for both sexes in at least one of the communities above. */
const UNISEX = `
Kim Deniz Alex Andrea Robin Jasmin Nur Sascha Luca Nikola Toni Noa Eike Charlie Sam Kai
Blessing Oluwaseun Adama Nikita Simone Ilja Eden Ariel Jona Mika Jule Ali Elia Nour Anh
`;

/**
 * Names that are also ordinary capitalised German words (months, nouns). Only flagged as a
 * person when a cue (Herr, Tante, …) precedes them or a clear surname follows.
 */
export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set(
	`August Ernst Mark Mai Juni Juli April Rose Heide Engel Nur Roman Ion Dino Granit Iris Jihad
	Sultan Rosa Flora Fee Sonne Nana Long Nam Dan Son Hung Lan Thu Nga Hang Duc Lama Rama Mate
	Alp Ruta Jan Kai Milan Ade Ama Awa Yaa Esi Hagen Basel Medina Memo Ararat Dung Kelvin Nasser
	Davor Riad Tudor Georgia Malte`
		.split(/\s+/)
		.filter(Boolean)
		.map(nameKey)
);

export type Gender = 'f' | 'm' | 'u';

function build(): Map<string, Gender> {
	const map = new Map<string, Gender>();
	const add = (list: string, g: Gender) => {
		for (const name of list.split(/\s+/)) {
			if (!name) continue;
			const key = nameKey(name);
			const prev = map.get(key);
			map.set(key, prev && prev !== g ? 'u' : g);
		}
	};
	add(FEMALE, 'f');
	add(MALE, 'm');
	add(UNISEX, 'u');
	return map;
}

/** nameKey(first name) → gender. */
export const FIRST_NAMES: ReadonlyMap<string, Gender> = build();

/** The raw lists, for the benchmark's synthetic persons. */
export function firstNameList(): string[] {
	return `${FEMALE} ${MALE}`.split(/\s+/).filter(Boolean);
}
