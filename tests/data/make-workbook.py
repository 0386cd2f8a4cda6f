#!/usr/bin/env python3
# Writes the test workbook (tests/unit/test_sheet.c and the CLI import
# tests read it): a sheet of companies with Cyrillic text, dates, a
# date and time, decimals, phone numbers stored as numbers, a cell with
# a line break, an empty cell in the middle and a boolean, then a second
# sheet of contacts.  Made with openpyxl, a real writer, so the readers
# are tested against what a program writes rather than against XML we
# wrote by hand.  tests/data/companies-gnumeric.xlsx and companies.xls
# are this file converted by Gnumeric (ssconvert), committed because CI
# has no Gnumeric.
#
#	make-workbook.py OUT.xlsx [--1904]
#	make-workbook.py --broken DIR
#
# --1904 writes it in the 1904 date system (Excel for the Mac's old
# default), which shifts every stored date serial by 1462 days.
# --broken writes the damaged files of DIR: not-a-zip.xlsx (text),
# zip-not-workbook.xlsx (a zip of something else) and bad-xml.xlsx
# (DIR/companies-gnumeric.xlsx with a mismatched tag on line 88 of its
# first sheet).
import datetime
import os
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def broken(d):
    with open(os.path.join(d, "not-a-zip.xlsx"), "w") as f:
        f.write("Название;Город\nООО «Ромашка»;Москва\n")
    with zipfile.ZipFile(os.path.join(d, "zip-not-workbook.xlsx"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "not a workbook\n")
    src = os.path.join(d, "companies-gnumeric.xlsx")
    with zipfile.ZipFile(src) as zin, \
            zipfile.ZipFile(os.path.join(d, "bad-xml.xlsx"), "w",
                            zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                lines = data.split(b"\n")
                assert lines[87].strip() == b"</row>", lines[87]
                lines[87] = lines[87].replace(b"</row>", b"</rox>")
                data = b"\n".join(lines)
            zout.writestr(item, data)


def main():
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--broken":
        broken(args[1])
        return
    if not args or len(args) > 2 or (len(args) == 2 and args[1] != "--1904"):
        sys.exit("usage: make-workbook.py OUT.xlsx [--1904]")
    wb = openpyxl.Workbook()
    if len(args) == 2:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Компании"
    ws.append(["Название", "Город", "Телефон", "Дата договора", "Сумма",
               "Примечание"])
    ws.append(["ООО «Ромашка»", "Москва", 79161234567,
               datetime.date(2024, 3, 15), 1234.5,
               "Первый звонок\nперезвонить в среду"])
    ws.append(["ИП Иванов", None, 74951112233,
               datetime.datetime(2024, 3, 16, 14, 30), 99.99, True])
    ws.append(["АО «Вектор»", "Санкт-Петербург", 78123334455,
               datetime.datetime(2023, 12, 31, 23, 59, 15), 1000000,
               False])
    # Row 5 left empty: a reader must not report it.
    ws.cell(row=6, column=1, value="ЗАО «Север»")
    ws.cell(row=6, column=5, value=0.1)
    ws["D2"].number_format = "DD.MM.YYYY"
    ws["D3"].number_format = "DD.MM.YYYY HH:MM"
    ws["D4"].number_format = "yyyy-mm-dd h:mm:ss"
    ws["E2"].number_format = "#,##0.00"

    ws2 = wb.create_sheet("Контакты")
    ws2.append(["ФИО", "Телефон", "Компания"])
    ws2.append(["Петров Пётр Петрович", 79031112233, "ООО «Ромашка»"])
    ws2.append(["Сидорова Анна", "+7 (495) 123-45-67", "ИП Иванов"])
    wb.save(args[0])


main()
