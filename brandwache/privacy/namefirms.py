"""Words that make a capitalised word a firm's, a brand's or a place's, not a person's name.

"Meier AG", "Johnson & Sons", "Bäckerei Huber", "Sankt Gallen", "Storm Bert" and brands
named after persons ("Hugo Boss") are dropped from the names found. Written by hand from
general knowledge of German and English (see DATA.md).
"""

from __future__ import annotations

from .namewords import words

# Words after a name that make it a company or brand: "Müller AG", "Johnson & Sons".
COMPANY_AFTER = words(
    """
    AG GmbH SA Sàrl SARL SAS Srl SpA KG OHG GbR eG e.V. Ltd Limited Inc Corp LLC LLP Plc plc PLC
    Co Cie Söhne Sohn Erben Sons Brothers Bros Group Gruppe Holding Holdings Partner Partners
    Drogerie Drogerien Optik Optiker Apotheke Bäckerei Metzgerei Garage Garagen Transport
    Transporte Reisen Immobilien Treuhand Versicherung Versicherungen Verlag Stiftung Elektro
    Sanitär Bau Holzbau Consulting Design Media Motors Shop Store Stores Markt Möbel Mode
    Fashion Schuhe Sport Sports Haustechnik Gartenbau Malerei Umzüge Reinigung Catering Bistro
    Café Restaurant Hotel Pizzeria Kiosk Center Centre Foundation Institute Institut
    Pharma Electronics Energy Telecom Solutions Services Systems Software Logistik Logistics
    Foods Food Lebensmittel Weine Wines Automobile Automobil Autohaus Cars Kaffee Coffee Bakery
    Pharmacy Opticians Bikes Velos Blumen Flowers Strasse Straße Gasse Weg Platz Allee Ring
    Street Road Lane Avenue Square Drive Close Crescent Gardens Terrace Way Brücke Bahnhof
    Spital Schule School University Universität College Hospital Clinic Klinik Stadion Arena
    Park Quai Kai Bank Banken Energie Energy Airlines Airways Air Bahn Bahnen Werke Kasse
    Krankenkasse Versand Express Mobile Telekom Netz Net Zeitung Airport Flughafen Team Station
    Insurance Assurance Broadband Telecom Rail Railway Railways Water Gas Power Electric
    Homes Housing Council Pay Bus Buses Trains Lines Öffis Verkehrsbetriebe Stadtwerke City
    County Department Hofladen Laden Ireland Schweiz Deutschland Österreich Photography
    Plumbing Plumbers Builders Cleaners Salon Studio Studios Brewery Society Building Quarter
    Line St Rd
    Ave
    """
)
# Words before a name that make it a shop or a place: "Bäckerei Huber", "Sankt Gallen".
COMPANY_BEFORE = words(
    """
    Bäckerei Metzgerei Konditorei Confiserie Drogerie Apotheke Garage Autohaus Café Cafe
    Restaurant Hotel Gasthof Gasthaus Pizzeria Firma Schreinerei Malerei Gärtnerei Optik
    Fahrschule Stiftung Verlag Sankt St San Santa Saint Sainte São Bad Hotel Marke Brand Label
    Team Schule Kanton Canton Gemeinde Stadt City Club FC SC HC EHC BSC Hochschule Universität
    Bank Banque Versicherung Salon Coiffeur Coiffure Werkstatt Autowerkstatt Praxis
    Zahnarztpraxis Storm Hurricane Sturm Orkan River Lake Mount Mt Lough Loch Christmas
    """
)
# Brands and companies named after persons, the usual ones in complaints. Matched as phrases.
BRANDS = (
    "Hugo Boss",
    "Calvin Klein",
    "Tommy Hilfiger",
    "Ralph Lauren",
    "Louis Vuitton",
    "Giorgio Armani",
    "Marc O'Polo",
    "Tom Tailor",
    "Jack Wolfskin",
    "Ted Baker",
    "Paul Smith",
    "Max Mara",
    "Christian Dior",
    "Yves Saint Laurent",
    "Yves Rocher",
    "Estée Lauder",
    "Jo Malone",
    "John Lewis",
    "Marks & Spencer",
    "Marks and Spencer",
    "Johnson & Johnson",
    "Procter & Gamble",
    "Ernst & Young",
    "Dolce & Gabbana",
    "Ben & Jerry's",
    "Peek & Cloppenburg",
    "Franz Carl Weber",
    "Mercedes-Benz",
    "Mercedes Benz",
    "Walt Disney",
    "Dr. Oetker",
    "Dr. Hauschka",
    "Julius Bär",
    "Dr. Martens",
    "Tim Hortons",
    "Peter Hahn",
    "Bruno Banani",
    "Brenninkmeyer",
    "Victoria's Secret",
    "Karl Kani",
    "Kurt Geiger",
    "Levi Strauss",
    "Levi's",
    "Tesla",
    "Siri",
    "Alexa",
    "Otto Versand",
    "Jenny Craig",
    "Wendy's",
    "McDonald's",
    "Ronald McDonald",
    "Morgan Stanley",
    "Goldman Sachs",
    "Charles Schwab",
    "Wells Fargo",
    "Harvey Nichols",
    "Carl Zeiss",
    "Robert Bosch",
    "Adam Opel",
    "Orell Füssli",
    "Helly Hansen",
    "Paddy Power",
    "Harry Potter",
    "Jack Daniel's",
    "Johnnie Walker",
)
