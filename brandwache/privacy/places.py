"""Towns that make a bare "postcode + word" an address rather than "4000 Franken".

Only the first word of the town is compared, so "Frankfurt am Main" needs "Frankfurt".
"""

from __future__ import annotations


def words(text: str) -> list[str]:
    return text.split()


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
    """
    )
)
