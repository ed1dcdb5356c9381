package io.tessera.infra.demo;

import io.tessera.infra.demo.CountryProfile.City;
import io.tessera.infra.demo.CountryProfile.MobileRange;
import io.tessera.infra.demo.CountryProfile.StreetStyle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The hand-written name, place and company lists behind the demo data. Invented here, copied from nowhere. */
final class CountryProfiles {

    private static final Map<DemoCountry, CountryProfile> PROFILES = build();
    private static final Map<String, StreetStyle> STYLES = styles();

    private CountryProfiles() {
    }

    static CountryProfile of(DemoCountry country) {
        return PROFILES.get(country);
    }

    static StreetStyle style(String key) {
        StreetStyle style = STYLES.get(key);
        if (style == null) {
            throw new IllegalStateException("No street style " + key);
        }
        return style;
    }

    private static Map<DemoCountry, CountryProfile> build() {
        Map<DemoCountry, CountryProfile> profiles = new EnumMap<>(DemoCountry.class);
        profiles.put(DemoCountry.ES, new CountryProfile(DemoCountry.ES,
                words("José|Antonio|Manuel|Francisco|Juan|David|Javier|Jesús|Carlos|Miguel|Alejandro|Rafael|Pedro|"
                        + "Ángel|Pablo|Sergio|Fernando|Jorge|Luis|Álvaro|Raúl|Iván|Rubén|Óscar|Andrés|Joaquín|Ramón|"
                        + "Víctor|Íñigo|José Luis|Juan Carlos|José Manuel|Francisco Javier|Miguel Ángel"),
                words("María|Carmen|Ana|Isabel|Laura|Lucía|Cristina|Marta|Pilar|Elena|Raquel|Sofía|Dolores|Paula|"
                        + "Beatriz|Rocío|Inés|Nuria|Begoña|Mónica|Sonia|Concepción|Ainhoa|María José|"
                        + "María del Carmen|Ana Belén|María Ángeles|Mercedes"),
                words("García|Rodríguez|González|Fernández|López|Martínez|Sánchez|Pérez|Gómez|Martín|Jiménez|Ruiz|"
                        + "Hernández|Díaz|Moreno|Muñoz|Álvarez|Romero|Alonso|Gutiérrez|Navarro|Torres|Domínguez|"
                        + "Vázquez|Ramos|Gil|Ramírez|Serrano|Blanco|Molina|Morales|Suárez|Ortega|Delgado|Castro|"
                        + "Ortiz|Rubio|Marín|Núñez|Iglesias|Peña|Ibáñez|Echeverría|Saiz|Bermúdez|Cañete"),
                1.0, false,
                mobiles(9, "6|6|6|71|72|73"),
                words("gmail.com|gmail.com|gmail.com|hotmail.com|hotmail.es|yahoo.es|outlook.es|telefonica.net"),
                words("info|contacto|administracion|facturacion"), "familia.%s",
                words("Construcciones|Transportes|Distribuciones|Talleres|Inmobiliaria|Asesoría|Suministros|"
                        + "Muebles|Reformas|Ferretería|Electricidad|Panificadora"),
                words("{A} {S}|{S} e Hijos|{A} {S} y {S2}|Grupo {S}|{A} {C}"),
                words("S.L.|S.L.|S.L.|S.A.|S.L.U."), " ", "es",
                List.of(
                        city("Madrid", "280##", "91", 9, "es", ""),
                        city("Barcelona", "080##", "93", 9, "es", ""),
                        city("Valencia", "460##", "96", 9, "es", "València"),
                        city("Sevilla", "410##", "954", 9, "es", "Seville"),
                        city("Zaragoza", "500##", "976", 9, "es", ""),
                        city("Málaga", "290##", "952", 9, "es", ""),
                        city("Bilbao", "480##", "94", 9, "es", "Bilbo"),
                        city("A Coruña", "150##", "981", 9, "es", "La Coruña"),
                        city("Valladolid", "470##", "983", 9, "es", ""),
                        city("Palma", "070##", "971", 9, "es", "Palma de Mallorca"),
                        city("Murcia", "300##", "968", 9, "es", ""),
                        city("Granada", "180##", "958", 9, "es", ""))));

        profiles.put(DemoCountry.PT, new CountryProfile(DemoCountry.PT,
                words("João|José|António|Francisco|Manuel|Pedro|Tiago|Rui|Luís|Miguel|Gonçalo|Duarte|Nuno|Ricardo|"
                        + "Sérgio|Vítor|André|Rodrigo|Simão|Fábio|Hélder|João Pedro|José Carlos"),
                words("Maria|Ana|Joana|Inês|Beatriz|Mariana|Catarina|Sofia|Leonor|Matilde|Conceição|Fátima|Graça|"
                        + "Filipa|Rita|Sónia|Patrícia|Márcia|Ana Rita|Maria João"),
                words("Silva|Santos|Ferreira|Pereira|Oliveira|Costa|Rodrigues|Martins|Jesus|Sousa|Fernandes|"
                        + "Gonçalves|Gomes|Lopes|Marques|Alves|Almeida|Ribeiro|Pinto|Carvalho|Teixeira|Moreira|"
                        + "Correia|Mendes|Nunes|Soares|Vieira|Monteiro|Cardoso|Rocha|Magalhães|Araújo|Simões|"
                        + "Brandão|Guimarães|Loureiro|Falcão"),
                0.7, false,
                mobiles(9, "91|92|93|96"),
                words("gmail.com|gmail.com|sapo.pt|hotmail.com|outlook.pt|netcabo.pt"),
                words("geral|info|comercial|faturacao"), "familia.%s",
                words("Construções|Transportes|Distribuição|Comércio|Têxteis|Metalúrgica|Mobiliário|Padaria|"
                        + "Contabilidade"),
                words("{A} {S}|{S} & Filhos|{S}, {S2} & Cª|{A} {C}"),
                words("Lda.|Lda.|Lda.|S.A.|Unipessoal Lda."), ", ", "pt",
                List.of(
                        city("Lisboa", "1###-###", "21", 9, "pt", "Lisbon"),
                        city("Porto", "4###-###", "22", 9, "pt", "Oporto"),
                        city("Braga", "47##-###", "253", 9, "pt", ""),
                        city("Coimbra", "30##-###", "239", 9, "pt", ""),
                        city("Faro", "80##-###", "289", 9, "pt", ""),
                        city("Aveiro", "38##-###", "234", 9, "pt", ""),
                        city("Setúbal", "29##-###", "265", 9, "pt", ""),
                        city("Funchal", "90##-###", "291", 9, "pt", ""))));

        profiles.put(DemoCountry.FR, new CountryProfile(DemoCountry.FR,
                words("Jean|Pierre|Michel|Philippe|Alain|Nicolas|François|Laurent|Stéphane|Sébastien|Julien|Thomas|"
                        + "Frédéric|Jérôme|Benoît|Loïc|Hervé|Grégoire|Théo|Mathéo|Jean-Pierre|Jean-François|"
                        + "Jean-Luc|Rémi"),
                words("Marie|Nathalie|Isabelle|Sylvie|Catherine|Françoise|Valérie|Sandrine|Céline|Hélène|Émilie|"
                        + "Chloé|Léa|Camille|Anaïs|Aurélie|Mélanie|Béatrice|Agnès|Geneviève|Marie-Claire|"
                        + "Anne-Sophie|Maëlle|Zoé"),
                words("Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefèvre|"
                        + "Michel|Garcia|David|Bertrand|Roux|Vincent|Fournier|Morel|Girard|André|Mercier|Dupont|"
                        + "Lambert|Bonnet|François|Legrand|Garnier|Faure|Rousseau|Blanc|Guérin|Chevalier|Hébert|"
                        + "Lemaître|Gauthier|Perrin|Lefebvre|Nguyen|Ben Ali"),
                0.0, false,
                mobiles(9, "6|6|7"),
                words("gmail.com|orange.fr|free.fr|laposte.net|hotmail.fr|wanadoo.fr|sfr.fr|yahoo.fr"),
                words("contact|info|comptabilite|accueil"), "famille.%s",
                words("Boulangerie|Transports|Menuiserie|Plomberie|Garage|Électricité|Immobilier|Conseil|Bâtiment"),
                words("{A} {S}|Établissements {S}|{S} et Fils|{S} & Associés|{A} {C}"),
                words("SARL|SAS|SAS|SA|EURL"), " ", "fr",
                List.of(
                        city("Paris", "750##", "1", 9, "fr", ""),
                        city("Lyon", "6900+", "4", 9, "fr", ""),
                        city("Marseille", "130##", "4", 9, "fr", ""),
                        city("Toulouse", "310##|314##", "5", 9, "fr", ""),
                        city("Nice", "060##|061##", "4", 9, "fr", ""),
                        city("Nantes", "440##|443##", "2", 9, "fr", ""),
                        city("Strasbourg", "670##", "3", 9, "fr", ""),
                        city("Bordeaux", "330##|333##", "5", 9, "fr", ""),
                        city("Lille", "590##", "3", 9, "fr", ""),
                        city("Rennes", "350##", "2", 9, "fr", ""),
                        city("Montpellier", "340##", "4", 9, "fr", ""))));

        profiles.put(DemoCountry.IT, new CountryProfile(DemoCountry.IT,
                words("Giuseppe|Giovanni|Antonio|Mario|Luigi|Francesco|Angelo|Vincenzo|Pietro|Salvatore|Carlo|Franco|"
                        + "Domenico|Bruno|Paolo|Michele|Giorgio|Alessandro|Lorenzo|Niccolò|Matteo|Andrea|Gianluca|"
                        + "Gianmarco"),
                words("Maria|Anna|Giuseppina|Rosa|Angela|Giovanna|Teresa|Lucia|Carmela|Caterina|Francesca|Chiara|"
                        + "Giulia|Sara|Alessia|Federica|Elisabetta|Ilaria|Maria Grazia|Anna Maria"),
                words("Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|Conti|"
                        + "De Luca|Mancini|Costa|Giordano|Rizzo|Lombardi|Moretti|Barbieri|Fontana|Santoro|Mariani|"
                        + "Rinaldi|Caruso|Ferrara|Galli|Martini|Leone|Longo|Gentile|D'Angelo|Di Stefano|Nicolò|"
                        + "Cantù|Lo Russo"),
                0.0, false,
                mobiles(10, "320|328|329|333|334|335|338|339|340|345|347|348|349|366|380|388|392|393"),
                words("gmail.com|gmail.com|libero.it|virgilio.it|alice.it|hotmail.it|tiscali.it|yahoo.it"),
                words("info|amministrazione|commerciale|segreteria"), "famiglia.%s",
                words("Costruzioni|Trasporti|Officina|Ceramiche|Mobilificio|Tessuti|Alimentari|Impianti|Studio"),
                words("{A} {S}|{S} & Figli|{S} {S2}|{A} {C}"),
                words("S.r.l.|S.r.l.|S.r.l.|S.p.A.|S.n.c."), " ", "it",
                List.of(
                        city("Roma", "001##", "06", 10, "it", "Rome"),
                        city("Milano", "201##", "02", 10, "it", "Milan"),
                        city("Napoli", "801##", "081", 10, "it", "Naples"),
                        city("Torino", "101##", "011", 10, "it", "Turin"),
                        city("Palermo", "901##", "091", 10, "it", ""),
                        city("Bologna", "401##", "051", 10, "it", ""),
                        city("Firenze", "501##", "055", 10, "it", "Florence"),
                        city("Genova", "161##", "010", 10, "it", "Genoa"),
                        city("Bari", "701##", "080", 10, "it", ""),
                        city("Venezia", "301##", "041", 10, "it", "Venice"),
                        city("Verona", "371##", "045", 10, "it", ""))));

        profiles.put(DemoCountry.DE, new CountryProfile(DemoCountry.DE,
                words("Peter|Michael|Thomas|Andreas|Wolfgang|Klaus|Jürgen|Günter|Stefan|Christian|Uwe|Werner|Horst|"
                        + "Frank|Matthias|Jörg|Björn|Lukas|Maximilian|Jonas|Felix|Hans-Peter|Karl-Heinz|Sören|Mehmet"),
                words("Ursula|Monika|Petra|Sabine|Renate|Helga|Karin|Brigitte|Ingrid|Andrea|Susanne|Claudia|Birgit|"
                        + "Jutta|Gisela|Hannelore|Anja|Katrin|Jana|Lena|Bärbel|Dörte|Anna-Lena|Ayşe"),
                words("Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Schäfer|Koch|"
                        + "Bauer|Richter|Klein|Wolf|Schröder|Neumann|Schwarz|Zimmermann|Braun|Krüger|Hofmann|"
                        + "Hartmann|Lange|Schmitt|Werner|Schmitz|Krause|Meier|Lehmann|Köhler|Herrmann|König|Walter|"
                        + "Mayer|Huber|Kaiser|Fuchs|Peters|Möller|Weiß|Jäger|Groß|Voß|Günther|Böhm|Yılmaz|Öztürk"),
                0.0, false,
                concat(mobiles(11, "151|152|157"), mobiles(10, "160|162|163|170|171|172|173|174|175|176|177|178|179")),
                words("gmail.com|web.de|web.de|gmx.de|gmx.net|t-online.de|outlook.de|freenet.de"),
                words("info|kontakt|buchhaltung|office"), "familie.%s",
                words("Bäckerei|Autohaus|Elektro|Maschinenbau|Spedition|Metallbau|Holzbau|Steuerberatung|Sanitär"),
                words("{A} {S}|{S} {A}|{S} & {S2}|{S} & Söhne"),
                words("GmbH|GmbH|GmbH|GmbH & Co. KG|AG|e.K."), " ", "de",
                List.of(
                        city("Berlin", "10###|12###|13###", "30", 10, "de", ""),
                        city("Hamburg", "20###|21###|22###", "40", 10, "de", ""),
                        city("München", "80###|81###", "89", 10, "de", "Munich|Muenchen"),
                        city("Köln", "50###|51###", "221", 10, "de", "Cologne|Koeln"),
                        city("Frankfurt am Main", "60###", "69", 10, "de", "Frankfurt|Frankfurt a. M."),
                        city("Stuttgart", "70###", "711", 10, "de", ""),
                        city("Düsseldorf", "40###", "211", 10, "de", "Duesseldorf"),
                        city("Leipzig", "04###", "341", 10, "de", ""),
                        city("Dresden", "01###", "351", 10, "de", ""),
                        city("Nürnberg", "90###", "911", 10, "de", "Nuremberg"),
                        city("Hannover", "30###", "511", 10, "de", "Hanover"),
                        city("Bremen", "28###", "421", 10, "de", ""))));

        profiles.put(DemoCountry.NL, new CountryProfile(DemoCountry.NL,
                words("Jan|Johannes|Cornelis|Hendrik|Pieter|Willem|Gerrit|Dirk|Jacobus|Sander|Bas|Daan|Sem|Lucas|"
                        + "Thijs|Joris|Maarten|Ruud|Koen|Bram|Joël|Niels|Wouter|Jeroen"),
                words("Maria|Johanna|Anna|Cornelia|Wilhelmina|Elisabeth|Sanne|Lotte|Femke|Anouk|Inge|Marieke|Ingrid|"
                        + "Esther|Eva|Noor|Saskia|Chloë|Zoë|Daniëlle|Noëlle|Anne-Marie|Ilse"),
                words("de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|"
                        + "Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|"
                        + "Smits|de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|"
                        + "van der Veen|van den Broek|de Bruijn|van der Heijden|Schouten|van Beek|Willems|van Wijk|"
                        + "Yılmaz|Öztürk"),
                0.0, false,
                mobiles(9, "6"),
                words("gmail.com|gmail.com|ziggo.nl|kpnmail.nl|hotmail.com|outlook.com|xs4all.nl|planet.nl"),
                words("info|administratie|contact"), "fam.%s",
                words("Bouwbedrijf|Transport|Installatietechniek|Bakkerij|Adviesbureau|Groothandel|Schildersbedrijf|"
                        + "Autobedrijf"),
                words("{A} {S}|{S} & Zonen|{S} {A}|{S} & {S2}"),
                words("B.V.|B.V.|B.V.|V.O.F."), " ", "nl",
                List.of(
                        city("Amsterdam", "10## ??", "20", 9, "nl", ""),
                        city("Rotterdam", "30## ??", "10", 9, "nl", ""),
                        city("Den Haag", "25## ??", "70", 9, "nl", "'s-Gravenhage|The Hague"),
                        city("Utrecht", "35## ??", "30", 9, "nl", ""),
                        city("Eindhoven", "56## ??", "40", 9, "nl", ""),
                        city("Groningen", "97## ??", "50", 9, "nl", ""),
                        city("Tilburg", "50## ??", "13", 9, "nl", ""),
                        city("Almere", "13## ??", "36", 9, "nl", ""),
                        city("Haarlem", "20## ??", "23", 9, "nl", ""),
                        city("Nijmegen", "65## ??", "24", 9, "nl", ""))));

        profiles.put(DemoCountry.PL, new CountryProfile(DemoCountry.PL,
                words("Piotr|Krzysztof|Andrzej|Tomasz|Paweł|Michał|Marcin|Jakub|Łukasz|Grzegorz|Mateusz|Wojciech|"
                        + "Mariusz|Dariusz|Zbigniew|Jerzy|Maciej|Rafał|Przemysław|Sławomir|Kamil|Bartłomiej"),
                words("Anna|Maria|Katarzyna|Małgorzata|Agnieszka|Barbara|Ewa|Krystyna|Magdalena|Elżbieta|Joanna|"
                        + "Aleksandra|Zofia|Monika|Teresa|Danuta|Natalia|Karolina|Jadwiga|Bożena|Grażyna|Dorota|"
                        + "Beata|Justyna"),
                words("Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|Szymański|Woźniak|"
                        + "Dąbrowski|Kozłowski|Jankowski|Mazur|Wojciechowski|Kwiatkowski|Krawczyk|Kaczmarek|"
                        + "Piotrowski|Grabowski|Zając|Pawłowski|Michalski|Król|Wieczorek|Jabłoński|Wróbel|"
                        + "Nowakowski|Majewski|Olszewski|Stępień|Malinowski|Jaworski|Adamczyk|Dudek|Nowicki|Pawlak|"
                        + "Górski|Sikora|Walczak|Baran|Michalak|Szewczyk|Ostrowski|Tomaszewski|Pietrzak|Zawadzki|"
                        + "Sadowski|Bąk|Chmielewski|Włodarczyk|Czarnecki|Sokołowski|Kaźmierczak|Głowacki|"
                        + "Ziółkowski|Brzeziński"),
                0.0, true,
                mobiles(9, "50|51|53|57|60|66|69|72|73|78|79|88"),
                words("gmail.com|wp.pl|wp.pl|onet.pl|o2.pl|interia.pl|op.pl|gazeta.pl"),
                words("biuro|kontakt|sekretariat|info"), "rodzina.%s",
                words("Przedsiębiorstwo Budowlane|Transport|Hurtownia|Zakład Mechaniczny|Piekarnia|"
                        + "Biuro Rachunkowe|Usługi Remontowe"),
                words("{A} {S}|{S} i Wspólnicy|PHU {S}|{S} {A}"),
                words("Sp. z o.o.|Sp. z o.o.|Sp. z o.o.|S.A.|Sp.j."), " ", "pl",
                List.of(
                        city("Warszawa", "00-###|01-###|02-###|03-###|04-###", "22", 9, "pl", "Warsaw"),
                        city("Kraków", "30-###|31-###", "12", 9, "pl", "Krakow|Cracow"),
                        city("Łódź", "90-###|91-###|93-###", "42", 9, "pl", "Lodz"),
                        city("Wrocław", "50-###|51-###|53-###|54-###", "71", 9, "pl", "Wroclaw"),
                        city("Poznań", "60-###|61-###", "61", 9, "pl", "Poznan"),
                        city("Gdańsk", "80-###", "58", 9, "pl", "Gdansk"),
                        city("Szczecin", "70-###|71-###", "91", 9, "pl", ""),
                        city("Lublin", "20-###", "81", 9, "pl", ""),
                        city("Katowice", "40-###", "32", 9, "pl", ""),
                        city("Białystok", "15-###", "85", 9, "pl", "Bialystok"))));

        profiles.put(DemoCountry.GB, new CountryProfile(DemoCountry.GB,
                words("James|John|David|Michael|Paul|Andrew|Mark|Richard|Stephen|Christopher|Daniel|Matthew|Oliver|"
                        + "Harry|George|Jack|Thomas|William|Dafydd|Rhys|Callum|Mohammed|Raj"),
                words("Sarah|Emma|Claire|Rachel|Helen|Laura|Lucy|Charlotte|Sophie|Amelia|Olivia|Emily|Jessica|"
                        + "Hannah|Zoë|Chloe|Siân|Rhiannon|Eilidh|Priya|Aisha"),
                words("Smith|Jones|Williams|Taylor|Brown|Davies|Evans|Wilson|Thomas|Johnson|Roberts|Robinson|"
                        + "Thompson|Wright|Walker|White|Edwards|Hughes|Green|Hall|Lewis|Harris|Clarke|Patel|Jackson|"
                        + "Wood|Turner|Martin|Cooper|Hill|Ward|Morris|Moore|Clark|Lee|King|Baker|Harrison|Morgan|"
                        + "Allen|Khan|Singh|MacDonald|McLeod|O'Neill|Fitzgerald|Ahmed|Campbell|Fraser|Stewart"),
                0.0, false,
                mobiles(10, "74|75|77|78|79"),
                words("gmail.com|gmail.com|hotmail.co.uk|yahoo.co.uk|btinternet.com|outlook.com|sky.com|icloud.com"),
                words("info|accounts|enquiries|sales|office"), "the%sfamily",
                words("Builders|Logistics|Engineering|Plumbing|Consulting|Bakery|Electrical|Joinery|Motors"),
                words("{S} {A}|{S} & Sons|{S} & {S2}|{C} {A}"),
                words("Ltd|Ltd|Limited|plc|LLP"), " ", "co.uk",
                List.of(
                        city("London", "SW+ #??|SE+# #??|E+ #??|N+ #??|NW+ #??|W+ #??", "20", 10, "en", ""),
                        city("Manchester", "M+ #??|M+# #??", "161", 10, "en", ""),
                        city("Birmingham", "B+ #??|B+# #??", "121", 10, "en", ""),
                        city("Leeds", "LS+ #??", "113", 10, "en", ""),
                        city("Glasgow", "G+ #??|G+# #??", "141", 10, "en", ""),
                        city("Liverpool", "L+ #??|L+# #??", "151", 10, "en", ""),
                        city("Bristol", "BS+ #??", "117", 10, "en", ""),
                        city("Edinburgh", "EH+ #??", "131", 10, "en", ""),
                        city("Sheffield", "S+ #??", "114", 10, "en", ""),
                        city("Cardiff", "CF+# #??", "29", 10, "en", "Caerdydd"),
                        city("Newcastle upon Tyne", "NE+ #??", "191", 10, "en", "Newcastle"))));

        profiles.put(DemoCountry.BE, new CountryProfile(DemoCountry.BE,
                words("Luc|Marc|Jan|Dirk|Filip|Pieter|Wim|Koen|Jean|Philippe|Benoît|Jérôme|Thibault|Arnaud|Lieven|"
                        + "Bart|Geert|Olivier|Mathieu|Jean-Marc|Arthur|Noah"),
                words("Marie|Anne|Sophie|Els|An|Katrien|Hilde|Griet|Véronique|Chantal|Nathalie|Inès|Liesbeth|"
                        + "Ann-Sophie|Mathilde|Elke|Lies|Hélène|Amélie|Stéphanie"),
                words("Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|Dubois|Lambert|"
                        + "Dupont|Martin|Simon|Vermeulen|Van den Broeck|Desmet|Lemmens|Hermans|Leclercq|Dumont|"
                        + "Michiels|Declercq|Pauwels|Vandenberghe|Lejeune|François|Renard|Gérard|Dupuis|Van Damme|"
                        + "De Backer|Lefèvre|Wauters|Van de Velde|Bogaert|Geerts|Hendrickx|Mathieu"),
                0.0, false,
                mobiles(9, "47|48|49"),
                words("gmail.com|gmail.com|skynet.be|telenet.be|hotmail.com|outlook.be|proximus.be"),
                words("info|contact|administratie|comptabilite"), "fam.%s",
                words("Bouwbedrijf|Transport|Boulangerie|Menuiserie|Garage|Brouwerij|Immo|Schrijnwerkerij"),
                words("{A} {S}|{S} & Zonen|{S} & Fils|{S} {A}"),
                words("BV|BV|SRL|NV|SA"), " ", "be",
                List.of(
                        city("Bruxelles", "1000|1020|1030|1040|1050|1060|1070|1080|1090|1180", "2", 8, "be-fr",
                                "Brussel|Brussels"),
                        city("Antwerpen", "2000|2018|2020|2030|2060|2100|2140", "3", 8, "be-nl", "Anvers|Antwerp"),
                        city("Gent", "9000|9030|9040|9050", "9", 8, "be-nl", "Gand|Ghent"),
                        city("Brugge", "8000|8200|8310", "50", 8, "be-nl", "Bruges"),
                        city("Leuven", "3000|3001|3010", "16", 8, "be-nl", "Louvain"),
                        city("Liège", "4000|4020|4030", "4", 8, "be-fr", "Luik|Liege"),
                        city("Charleroi", "6000|6001|6010", "71", 8, "be-fr", ""),
                        city("Namur", "5000|5001|5100", "81", 8, "be-fr", "Namen"),
                        city("Mechelen", "2800", "15", 8, "be-nl", "Malines"))));

        profiles.put(DemoCountry.AT, new CountryProfile(DemoCountry.AT,
                words("Lukas|Tobias|David|Florian|Michael|Stefan|Thomas|Andreas|Christoph|Markus|Manfred|Johann|"
                        + "Josef|Franz|Günther|Jürgen|Dominik|Matthias|Sebastian|Alexander"),
                words("Maria|Anna|Elisabeth|Katharina|Theresa|Christina|Sabine|Barbara|Claudia|Monika|Sophie|Lena|"
                        + "Johanna|Magdalena|Verena|Gabriele|Renate|Hannelore"),
                words("Gruber|Huber|Bauer|Wagner|Müller|Pichler|Steiner|Moser|Mayer|Hofer|Leitner|Berger|Fuchs|Eder|"
                        + "Fischer|Schmid|Winkler|Weber|Schwarz|Maier|Schneider|Reiter|Mayr|Wimmer|Egger|Brunner|"
                        + "Lang|Baumgartner|Auer|Binder|Lechner|Wallner|Aigner|Ebner|Koller|Lehner|Haas|Pöschl|"
                        + "Hölzl|Strauß|Wöß"),
                0.0, false,
                mobiles(10, "650|660|664|676|680|681|688|699"),
                words("gmail.com|gmx.at|aon.at|chello.at|a1.net|outlook.com"),
                words("office|info|kontakt"), "familie.%s",
                words("Tischlerei|Installationen|Gasthof|Elektro|Spedition|Bau|Steuerberatung"),
                words("{A} {S}|{S} {A}|{S} & {S2}"),
                words("GmbH|GmbH|GmbH|KG|OG|e.U."), " ", "at",
                List.of(
                        city("Wien", "1010|1020|1030|1040|1050|1060|1070|1080|1090|1100|1120|1130|1150|1160|1180|"
                                + "1190|1210|1220|1230", "1", 8, "at", "Vienna"),
                        city("Graz", "80#0", "316", 9, "at", ""),
                        city("Linz", "40#0", "732", 9, "at", ""),
                        city("Salzburg", "50#0", "662", 9, "at", ""),
                        city("Innsbruck", "60#0", "512", 9, "at", ""),
                        city("Klagenfurt", "90#0", "463", 9, "at", "Klagenfurt am Wörthersee"),
                        city("Villach", "95#0", "4242", 10, "at", ""),
                        city("Wels", "46#0", "7242", 10, "at", ""))));

        profiles.put(DemoCountry.IE, new CountryProfile(DemoCountry.IE,
                words("Seán|Séamus|Pádraig|Ciarán|Eoin|Cian|Darragh|Oisín|Conor|Liam|Patrick|Michael|John|Declan|"
                        + "Niall|Dónal|Tadhg|Colm|Fergal|Brendan"),
                words("Siobhán|Niamh|Aoife|Saoirse|Róisín|Sinéad|Caoimhe|Orla|Áine|Clodagh|Mary|Ciara|Gráinne|"
                        + "Eimear|Méabh|Deirdre|Bríd|Aisling"),
                words("Murphy|Kelly|O'Sullivan|Walsh|Smith|O'Brien|Byrne|Ryan|O'Connor|O'Neill|O'Reilly|Doyle|"
                        + "McCarthy|Gallagher|O'Doherty|Kennedy|Lynch|Murray|Quinn|Moore|McLoughlin|O'Carroll|"
                        + "Connolly|Daly|O'Connell|Dunne|Brennan|Burke|Collins|Fitzgerald|Maguire|Nolan|Flynn|"
                        + "Ó Briain|Ó'Brien|Ó Súilleabháin|Mac Giolla Phádraig"),
                0.0, false,
                mobiles(9, "83|85|86|87|89"),
                words("gmail.com|gmail.com|eircom.net|hotmail.com|yahoo.ie|outlook.com|icloud.com"),
                words("info|accounts|office|sales"), "the%sfamily",
                words("Construction|Logistics|Engineering|Plumbing|Motors|Pharmacy|Hardware"),
                words("{S} {A}|{S} & Sons|{C} {A}|{S} & {S2}"),
                words("Ltd|Ltd|Limited|DAC|Teoranta"), " ", "ie",
                List.of(
                        city("Dublin", "D0+ ****|D1+ ****", "1", 8, "ie", "Baile Átha Cliath"),
                        city("Cork", "T12 ****|T23 ****", "21", 9, "ie", "Corcaigh"),
                        city("Galway", "H91 ****", "91", 8, "ie", "Gaillimh"),
                        city("Limerick", "V94 ****", "61", 8, "ie", ""),
                        city("Waterford", "X91 ****", "51", 8, "ie", ""),
                        city("Kilkenny", "R95 ****", "56", 8, "ie", ""),
                        city("Drogheda", "A92 ****", "41", 9, "ie", ""))));
        return Map.copyOf(profiles);
    }

    private static Map<String, StreetStyle> styles() {
        return Map.ofEntries(
                Map.entry("es", new StreetStyle(
                        words("Calle Mayor|Calle de Alcalá|Gran Vía|Avenida de la Constitución|Calle Real|"
                                + "Plaza de España|Calle San Juan|Paseo de la Castellana|Calle de Cervantes|"
                                + "Avenida de Andalucía|Calle Nueva|Calle del Sol|Calle de la Iglesia|Camino Viejo|"
                                + "Calle de Goya|Avenida del Puerto|Calle Ancha|Calle Santa María|Ronda de Toledo|"
                                + "Travesía del Carmen|Calle de Núñez de Balboa|Calle Príncipe de Vergara"),
                        words("#º @|#º izda.|#º dcha.|Bajo @|Esc. @, #º #ª|Piso #, puerta #"), 0.45, false, ", ",
                        words("^Calle |C/ |^Avenida |Avda. |^Plaza |Pza. |^Paseo |Pº |^Camino |Cno. |"
                                + "^Travesía |Trv. "))),
                Map.entry("pt", new StreetStyle(
                        words("Rua Augusta|Rua de Santa Catarina|Avenida da Liberdade|Rua do Comércio|"
                                + "Rua de São João|Avenida da República|Travessa do Carmo|Largo do Rato|"
                                + "Rua Dr. António José de Almeida|Rua da Boavista|Rua Direita|Rua 25 de Abril|"
                                + "Avenida dos Aliados|Rua das Flores|Rua Cândido dos Reis|Rua Conceição"),
                        words("#º Esq.|#º Dto.|R/C Esq.|R/C Dto.|#º @"), 0.45, false, ", ",
                        words("^Rua |R. |^Avenida |Av. |^Travessa |Tv. |^Largo |Lg. "))),
                Map.entry("fr", new StreetStyle(
                        words("rue de la Paix|rue Victor Hugo|avenue Jean Jaurès|boulevard Saint-Michel|"
                                + "place de la République|rue des Lilas|allée des Tilleuls|chemin du Moulin|"
                                + "rue de la Gare|avenue de la Libération|rue Pasteur|rue du Général de Gaulle|"
                                + "impasse des Érables|quai de la Fosse|rue Émile Zola|boulevard Voltaire|"
                                + "rue de l'Église"),
                        words("Appt #|Bât. @|Bât. @, appt ##|Résidence les Tilleuls|Apt. ##"), 0.2, true, " ",
                        words(" rue | r. | avenue | av. | boulevard | bd | place | pl. | allée | all. "))),
                Map.entry("be-fr", new StreetStyle(
                        words("Rue de la Loi|Avenue Louise|Chaussée de Waterloo|Rue Neuve|Boulevard d'Avroy|"
                                + "Rue de Fer|Place Saint-Lambert|Rue des Brasseurs|Avenue de Tervueren|"
                                + "Rue du Marché"),
                        words("boîte #|bte ##"), 0.15, false, " ",
                        words("^Rue |R. |^Avenue |Av. |^Chaussée |Chée |^Boulevard |Bd "))),
                Map.entry("it", new StreetStyle(
                        words("Via Roma|Via Garibaldi|Corso Vittorio Emanuele II|Piazza del Duomo|"
                                + "Via Giuseppe Mazzini|Viale dei Mille|Via Dante Alighieri|Via Nazionale|"
                                + "Corso Italia|Via Cavour|Via San Francesco|Via della Libertà|Piazza Municipio|"
                                + "Via XX Settembre|Largo Argentina|Via Niccolò Machiavelli"),
                        words("Scala @, int. #|Int. ##|Piano #"), 0.25, false, ", ",
                        words("^Via |V. |^Viale |V.le |^Piazza |P.zza |^Corso |C.so |^Largo |L.go "))),
                Map.entry("de", new StreetStyle(
                        words("Hauptstraße|Bahnhofstraße|Goethestraße|Schillerstraße|Gartenstraße|Lindenstraße|"
                                + "Kirchweg|Am Markt|Friedrichstraße|Mozartstraße|Birkenweg|Schulstraße|"
                                + "Berliner Allee|Königsallee|Ringstraße|Marktplatz|Dorfstraße|Große Bleichen|"
                                + "Mühlenweg|Kastanienallee|Jägerstraße|Weißdornweg"),
                        words("#. OG|Hinterhaus|Aufgang @"), 0.1, false, " ",
                        words("straße\\b|str.|Straße\\b|Str.|straße\\b|strasse"))),
                Map.entry("at", new StreetStyle(
                        words("Hauptstraße|Mariahilfer Straße|Kärntner Straße|Landstraßer Hauptstraße|"
                                + "Bahnhofstraße|Kirchengasse|Schulgasse|Herrengasse|Linzer Straße|Grazer Straße|"
                                + "Wiener Straße|Sporgasse|Getreidegasse|Maria-Theresien-Straße|Favoritenstraße|"
                                + "Praterstraße"),
                        words("Stiege #, Top ##|Top #|Tür ##|/#|/#/##"), 0.45, false, " ",
                        words("straße\\b|str.|Straße\\b|Str.|gasse\\b|g."))),
                Map.entry("nl", new StreetStyle(
                        words("Kerkstraat|Dorpsstraat|Stationsweg|Molenweg|Prinsengracht|Keizersgracht|Julianalaan|"
                                + "Wilhelminaplein|Nieuwstraat|Hoofdstraat|Schoolstraat|Beatrixlaan|Oranjestraat|"
                                + "Marktplein|Lange Voorhout|Coolsingel|Oudegracht|Vondelstraat|Parallelweg"),
                        words("/-II|/A|/-1|/ hs|/B"), 0.15, false, " ",
                        words("straat\\b|str."))),
                Map.entry("be-nl", new StreetStyle(
                        words("Kerkstraat|Stationsstraat|Meir|Veldstraat|Grote Markt|Nieuwstraat|Kortrijksesteenweg|"
                                + "Dorpstraat|Bondgenotenlaan|Steenstraat|Lange Nieuwstraat|Koningin Astridlaan|"
                                + "Brugsesteenweg"),
                        words("bus #|bus ##"), 0.15, false, " ",
                        words("straat\\b|str.|steenweg\\b|stwg."))),
                Map.entry("pl", new StreetStyle(
                        words("ul. Marszałkowska|ul. Długa|al. Jerozolimskie|ul. Piłsudskiego|ul. Mickiewicza|"
                                + "ul. Kościuszki|ul. Słowackiego|pl. Grunwaldzki|ul. Sienkiewicza|ul. Żeromskiego|"
                                + "ul. Wojska Polskiego|ul. Polna|ul. Lipowa|ul. Ogrodowa|ul. Świętokrzyska|"
                                + "ul. Piotrkowska|al. Niepodległości|ul. Kwiatowa|ul. Łąkowa"),
                        words("/#|/##|m. ##|lok. #"), 0.5, false, " ",
                        words("^ul\\. ||^ul\\. |ulica |^al\\. |Aleja "))),
                Map.entry("en", new StreetStyle(
                        words("High Street|Station Road|Church Lane|Victoria Road|Park Avenue|Mill Lane|King Street|"
                                + "Queen's Road|Church Street|London Road|Green Lane|Manor Road|The Crescent|"
                                + "Albert Road|Kings Road|Grove Road|Springfield Road|York Road|Chapel Street"),
                        words("Flat #|Apartment ##|Unit #"), 0.25, true, " ",
                        words(" Road$| Rd| Street$| St| Avenue$| Ave| Lane$| Ln"))),
                Map.entry("ie", new StreetStyle(
                        words("Main Street|O'Connell Street|Grafton Street|Patrick Street|Shop Street|Church Road|"
                                + "Dame Street|Baggot Street|Pearse Street|Mary Street|Strand Road|"
                                + "Oliver Plunkett Street|Eyre Square|Sráid an Mhuilinn"),
                        words("Apartment ##|Unit #"), 0.2, true, " ",
                        words(" Street$| St| Road$| Rd"))));
    }

    private static City city(String name, String postcodes, String areaCode, int landlineLength, String style,
                             String aliases) {
        return new City(name, words(postcodes), areaCode, landlineLength, style,
                aliases.isEmpty() ? List.of() : words(aliases));
    }

    private static List<MobileRange> mobiles(int length, String prefixes) {
        return words(prefixes).stream().map(prefix -> new MobileRange(prefix, length)).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /** Splits a {@code |}-separated list; keeps empty entries, which the abbreviation pairs use. */
    private static List<String> words(String list) {
        return List.of(list.split("\\|", -1));
    }
}
