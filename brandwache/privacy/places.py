"""Towns that make a bare "postcode + word" an address rather than "4000 Franken".

Only the first word of the town is compared, so "Frankfurt am Main" needs "Frankfurt".
"""

from __future__ import annotations

import re


def words(text: str) -> list[str]:
    return text.split()


def trie(alternatives: list[str]) -> str:
    """`alternatives` as one regex alternation shaped as a prefix tree.

    sre tries the branches of an alternation one by one; as a tree, a word is rejected on
    its first letter instead of once per alternative (ten times faster for ~100 words).
    """
    tree: dict[str, dict] = {}
    for word in alternatives:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


CITIES = frozenset(
    words(
        """
    Zürich Zurich Bern Basel Genève Geneva Genf Lausanne Luzern Lucerne Winterthur St.Gallen
    St. Gallen Lugano Biel Bienne Thun Köniz Fribourg Freiburg Schaffhausen Chur Uster Sion
    Emmen Neuchâtel Zug Aarau Baden Olten Solothurn Wil Rapperswil Kriens Dübendorf Dietikon
    Frauenfeld Wädenswil Wetzikon Horgen Kloten Bülach Opfikon Wallisellen Illnau Kreuzlingen
    Arbon Herisau Appenzell Glarus Altdorf Schwyz Sarnen Stans Liestal Allschwil Riehen Muttenz
    Pratteln Reinach Yverdon Montreux Vevey Nyon Morges Renens Delémont Bellinzona Locarno
    Davos Vaduz Schaan Balzers Triesen Eschen
    Berlin Hamburg München Munich Köln Cologne Frankfurt Stuttgart Düsseldorf Leipzig Dortmund
    Essen Bremen Dresden Hannover Nürnberg Duisburg Bochum Wuppertal Bielefeld Bonn Münster
    Mannheim Karlsruhe Augsburg Wiesbaden Mönchengladbach Gelsenkirchen Aachen Braunschweig
    Kiel Chemnitz Halle Magdeburg Krefeld Mainz Lübeck Erfurt Oberhausen Rostock Kassel Hagen
    Potsdam Saarbrücken Hamm Ludwigshafen Oldenburg Osnabrück Leverkusen Heidelberg Darmstadt
    Solingen Regensburg Paderborn Ingolstadt Würzburg Ulm Heilbronn Wolfsburg Göttingen Pforzheim
    Offenbach Bottrop Trier Recklinghausen Reutlingen Bremerhaven Koblenz Jena Erlangen
    Konstanz Lindau Rosenheim Passau Bamberg Bayreuth Landshut Kempten Lörrach Weil Singen
    Friedrichshafen Ravensburg Tübingen Esslingen Ludwigsburg Schwerin Cottbus Gera Zwickau
    Wien Vienna Graz Linz Salzburg Innsbruck Klagenfurt Villach Wels Dornbirn Wiener Steyr
    Feldkirch Bregenz Leoben Krems Traun Amstetten Lustenau Hallein Kapfenberg Mödling
    Kufstein Schwechat Leonding Wolfsberg Baden Braunau Spittal Saalfelden Ansfelden Tulln
    London Manchester Birmingham Edinburgh Glasgow Dublin Paris Lyon Milano Milan Roma Rome
    Adliswil Affoltern Aesch Altstätten Amriswil Arth Ascona Baar Bassersdorf Belp Beringen
    Binningen Birsfelden Bischofszell Bolligen Boudry Bremgarten Brig Brugg Buchs Bulle Burgdorf
    Bussigny Carouge Cham Chêne-Bougeries Chiasso Collombey Conthey Crissier Davos Einsiedeln
    Ebikon Ecublens Effretikon Egg Emmenbrücke Entlebuch Erlenbach Frutigen Gland Gossau
    Grenchen Gstaad Herzogenbuchsee Hinwil Hochdorf Horw Huttwil Ittigen Interlaken Kilchberg
    Küsnacht Küssnacht Langenthal Langnau Laufen Lenzburg Liestal Locarno Lyss Männedorf Martigny
    Meilen Mendrisio Meyrin Monthey Moutier Münchenstein Münsingen Muri Neuhausen Oberwil
    Oftringen Onex Ostermundigen Payerne Pfäffikon Porrentruy Prilly Pully Regensdorf
    Rheinfelden Richterswil Rorschach Rüti Schlieren Sierre Spiez Stäfa Steffisburg Sursee
    Thalwil Urdorf Uzwil Versoix Vernier Villars Volketswil Wallisellen Weinfelden Wettingen
    Wohlen Worb Zermatt Zofingen Zollikon Zuchwil Oerlikon Altstetten Wiedikon Schwamendingen
    Höngg Seebach Affoltern Witikon Hottingen Enge Wollishofen Leimbach Hirslanden Fluntern
    Bümpliz Bethlehem Breitenrain Länggasse Kleinbasel Gundeldingen Littau Wabern Liebefeld
    Ahlen Alsdorf Amberg Ansbach Arnsberg Aschaffenburg Aurich Backnang Baden-Baden Bad Bautzen
    Bergisch Bernau Biberach Bietigheim-Bissingen Böblingen Bocholt Brandenburg Bruchsal
    Castrop-Rauxel Celle Coburg Cuxhaven Dachau Delmenhorst Dessau Detmold Dinslaken Dormagen
    Dorsten Düren Eberswalde Eisenach Elmshorn Emden Erding Eschweiler Euskirchen Flensburg
    Frankenthal Freising Fulda Fürth Garbsen Garmisch-Partenkirchen Germering Gießen Gladbeck
    Görlitz Goslar Gotha Greifswald Grevenbroich Gummersbach Gütersloh Hameln Hanau Hattingen
    Herford Herne Herten Hilden Hildesheim Homburg Hürth Ibbenbüren Iserlohn Kaiserslautern
    Kamen Kerpen Kleve Landau Langenfeld Lehrte Lingen Lippstadt Lüdenscheid Lüneburg Marburg
    Marl Meerbusch Menden Minden Moers Mülheim Neubrandenburg Neumünster Neuss Neustadt Neu-Ulm
    Neuwied Norderstedt Nordhorn Offenburg Peine Pulheim Ratingen Rastatt Remscheid Rheine
    Rüsselsheim Salzgitter Sankt Schweinfurt Siegen Sindelfingen Speyer Stade Stolberg Stralsund
    Straubing Suhl Unna Velbert Viersen Villingen-Schwenningen Waiblingen Weimar Wesel Wetzlar
    Wilhelmshaven Witten Wismar Worms Zweibrücken Dresden-Neustadt Charlottenburg Kreuzberg
    Neukölln Pankow Spandau Schöneberg Friedrichshain Prenzlauer Wedding Moabit Steglitz
    Altona Eimsbüttel Harburg Wandsbek Bergedorf Schwabing Pasing Sendling Giesing Bogenhausen
    Ehrenfeld Nippes Deutz Sachsenhausen Bornheim Bockenheim Linden Vahrenwalde Gohlis Plagwitz
    Bludenz Hard Hohenems Götzis Rankweil Bischofshofen Zell Ischgl Lienz Kitzbühel Schwaz Hall
    Telfs Wörgl Imst Landeck Reutte Eisenstadt Neusiedl Oberwart Mattersburg Güssing Perchtoldsdorf
    Brunn Gänserndorf Korneuburg Klosterneuburg Hollabrunn Mistelbach Melk Zwettl Horn Gmünd
    Waidhofen Ybbs Neunkirchen Ternitz Bruck Mürzzuschlag Judenburg Knittelfeld Weiz Gleisdorf
    Hartberg Feldbach Leibnitz Deutschlandsberg Voitsberg Köflach Liezen Gmunden Vöcklabruck
    Ried Schärding Freistadt Perg Enns Kirchdorf Bad Ischl Hallstatt Sankt Pölten St. Pölten
    Ottakring Favoriten Floridsdorf Donaustadt Simmering Meidling Hietzing Penzing Hernals
    Währing Döbling Brigittenau Leopoldstadt Landstraße Mariahilf Josefstadt Alsergrund Liesing
    """
    )
)
