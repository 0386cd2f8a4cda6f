/*
 * salesorg demo: fills an empty database with a believable sales
 * department -- Russian and English companies, their people, a month of
 * calls and meetings around today, tasks, notes, links, a pipeline of
 * deals in every stage, half a year of payments ranked A, B, C by the
 * 20/80 rule, and a seminar, a mailing and a promotion with their members
 * -- so that the TUI, the agenda, the reports and the tests have
 * something to show.
 *
 * How it is built, and why:
 *
 *  - Only the store API writes (store_company_create and friends), so the
 *    demo goes through the same validation, defaults, audit log and
 *    contact_jobs history as a record typed into a form.  A demo that
 *    bypassed the store could hold rows the store itself would refuse.
 *  - Everything is written in one transaction (the store's own begin and
 *    commit nest inside it): a failure half-way leaves the file as it
 *    was, never a half-filled database that a second run would refuse.
 *  - The demo fills only a database without companies.  Mixing invented
 *    customers into real ones would be hard to undo.
 *  - Content comes from fixed tables and a fixed-seed xorshift generator,
 *    not rand(): two runs on the same day give the same data, which makes
 *    screenshots and bug reports reproducible.
 *  - Each fixed table (companies, their people, deals, tasks, notes,
 *    links, programs) is a struct demo_kind -- its card file, how a row
 *    fills a record, what is kept of the record made -- and one loop,
 *    add_kind, writes them all; the events and payments, drawn from the
 *    generator rather than a table, go through the same put().
 *  - Every moment is relative to today (local time, from db_now, which
 *    SALESORG_NOW or --now pins), so the agenda always has overdue calls,
 *    today's calls before and after now, and the next two weeks planned,
 *    whatever day the demo is made.  Other days' calls, meetings,
 *    programs and payments fall on working days, as a person would put
 *    them; today keeps its calls even on a weekend (whoever makes the
 *    demo is at work), and the stand-up series starts on one of its own
 *    days.
 *  - Event types, results and deal stages are user-editable tables; their
 *    ids are looked up by code (store_lookup_ids).  A code someone deleted
 *    leaves the field empty and the store's default applies.
 *
 * Everything is assigned to the user running the command: the store
 * defaults the manager and assignee fields to the current user.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datetime.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/db.h"
#include "store/entities.h"
#include "store/lookup.h"
#include "store/sales.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define NO_COMPANY	(-1)
#define NO_DUE		INT_MIN

/* ---- fixed tables ---- */

enum lang { RU, UK, DE };

static const struct city {
	const char	*name;
	const char	*code;		/* phone prefix */
	enum lang	 lang;
	const char	*street[3];
} cities[] = {
#define KZN	0
	{ "Казань", "+7 843", RU,
	    { "ул. Баумана", "ул. Пушкина", "пр. Победы" } },
#define MSK	1
	{ "Москва", "+7 495", RU,
	    { "ул. Тверская", "Ленинградский пр.", "ул. Профсоюзная" } },
#define SPB	2
	{ "Санкт-Петербург", "+7 812", RU,
	    { "Невский пр.", "ул. Садовая", "Лиговский пр." } },
#define EKB	3
	{ "Екатеринбург", "+7 343", RU,
	    { "ул. Малышева", "ул. 8 Марта", "пр. Ленина" } },
#define NSK	4
	{ "Новосибирск", "+7 383", RU,
	    { "Красный пр.", "ул. Кирова", "ул. Фрунзе" } },
#define LON	5
	{ "London", "+44 20", UK,
	    { "High Street", "King's Road", "Baker Street" } },
#define BER	6
	{ "Berlin", "+49 30", DE,
	    { "Friedrichstraße", "Kantstraße", "Torstraße" } },
};

/*
 * The companies.  An owner names the decision maker of a sole trader
 * ("ИП") and of the first company, whose people the documentation and
 * tests refer to; the rest get people drawn from the name pools.
 */
static const struct demo_company {
	const char	*name;
	const char	*legal_name;	/* NULL: spelled out from the name */
	int		 city;
	const char	*industry;
	const char	*status;
	const char	*category;
	const char	*domain;	/* NULL: no website, personal mail */
	const char	*owner;		/* "Фамилия Имя Отчество" or NULL */
	const char	*owner_mail;	/* owner's mailbox (local part) */
	const char	*comment;
} companies[] = {
	{ "ООО «Ромашка»", NULL, KZN, "Оптовая торговля", "customer", "VIP",
	    "romashka-kzn.ru", "Иванов Сергей Петрович", "s.ivanov",
	    "Ключевой клиент с 2019 года. Оплата по факту поставки." },
	{ "АО «Северсталь-Трейд»", NULL, MSK, "Металлопрокат", "regular",
	    "VIP", "severstal-trade.ru", NULL, NULL,
	    "Закупки через тендер раз в квартал." },
	{ "ИП Петров А. В.",
	    "Индивидуальный предприниматель Петров Алексей Викторович", KZN,
	    "Розничная торговля", "customer", "regular", NULL,
	    "Петров Алексей Викторович", "petrov.av", NULL },
	{ "ООО «Техносфера»", NULL, SPB, "Электроника", "prospect", "good",
	    "technosfera-spb.ru", NULL, NULL, NULL },
	{ "ООО «Уралхимпласт»", NULL, EKB, "Химия и пластмассы", "regular",
	    "good", "uralhimplast.ru", NULL, NULL, NULL },
	{ "ООО «СибЛесПром»", NULL, NSK, "Лесопереработка", "lead",
	    "regular", "siblesprom.ru", NULL, NULL,
	    "Нашли на выставке «Деревообработка», ждут каталог." },
	{ "АО «Волга-Логистик»", NULL, KZN, "Логистика", "customer", "good",
	    "volga-logistic.ru", NULL, NULL, NULL },
	{ "ООО «Альфа-Строй»", NULL, MSK, "Строительство", "prospect",
	    "regular", "alfa-stroy.ru", NULL, NULL, NULL },
	{ "ООО «Балтийский берег»", NULL, SPB, "Складская логистика", "lost",
	    "regular", "baltbereg.ru", NULL, NULL,
	    "Ушли к конкуренту, вернуться к разговору через полгода." },
	{ "ООО «Медтехника Плюс»", NULL, EKB, "Медицинское оборудование",
	    "customer", "good", "medtech-plus.ru", NULL, NULL, NULL },
	{ "ИП Сидорова Е. Н.",
	    "Индивидуальный предприниматель Сидорова Елена Николаевна", NSK,
	    "Общественное питание", "lead", "regular", NULL,
	    "Сидорова Елена Николаевна", "sidorova.en", NULL },
	{ "ООО «ТатНефтеСервис»", NULL, KZN, "Нефтесервис", "regular", "VIP",
	    "tatneftservis.ru", NULL, NULL,
	    "Крупнейший клиент по обороту. Все договоры через юристов." },
	{ "ООО «Кондитер-Заря»", NULL, MSK, "Пищевая промышленность",
	    "customer", "regular", "konditer-zarya.ru", NULL, NULL, NULL },
	{ "ООО «Меридиан»", NULL, MSK, "Торговля", "lost", "good",
	    "meridian-msk.ru", NULL, NULL, NULL },
	{ "ООО «ИнфоТех Решения»", NULL, KZN, "ИТ", "prospect", "regular",
	    "infotech-kzn.ru", NULL, NULL, NULL },
	{ "АО «Невский завод»", NULL, SPB, "Машиностроение", "regular",
	    "good", "nevsky-zavod.ru", NULL, NULL, NULL },
	{ "ООО «Агрохолдинг Степной»", NULL, NSK, "Сельское хозяйство",
	    "lead", "regular", "agro-stepnoy.ru", NULL, NULL, NULL },
	{ "ООО «Горизонт»", NULL, EKB, "Производство", "prospect", "regular",
	    "gorizont-ekb.ru", NULL, NULL, NULL },
	{ "ООО «ПромАвтоматика»", NULL, KZN, "Автоматизация", "customer",
	    "good", "promautomatika.ru", NULL, NULL, NULL },
	{ "ИП Кузнецов Д. С.",
	    "Индивидуальный предприниматель Кузнецов Дмитрий Сергеевич", MSK,
	    "Ремонт и отделка", "customer", "regular", NULL,
	    "Кузнецов Дмитрий Сергеевич", "kuznetsov.ds", NULL },
	{ "ООО «Лига Ритейл»", NULL, MSK, "Розничные сети", "lead",
	    "regular", "liga-retail.ru", NULL, NULL, NULL },
	{ "ООО «СтройМастер»", NULL, KZN, "Строительство", "lost", "regular",
	    "stroymaster-kzn.ru", NULL, NULL,
	    "Не платят в срок, отгрузки только по предоплате." },
	{ "ООО «ЭкоВода»", NULL, SPB, "Водоподготовка", "customer", "good",
	    "ekovoda-spb.ru", NULL, NULL, NULL },
	{ "ООО «Транссиб Экспресс»", NULL, NSK, "Логистика", "prospect",
	    "regular", "transsib-express.ru", NULL, NULL, NULL },
	{ "ООО «Уральские самоцветы»", NULL, EKB, "Ювелирное производство",
	    "lead", "regular", "ural-samotsvety.ru", NULL, NULL, NULL },
	{ "ООО «Казанские окна»", NULL, KZN, "Окна и двери", "regular",
	    "good", "kazan-okna.ru", NULL, NULL, NULL },
	{ "Acme Corp", "Acme Corporation Ltd", LON, "Manufacturing",
	    "customer", "VIP", "acme-corp.co.uk", NULL, NULL,
	    "Key account in the UK. Purchase orders via their portal." },
	{ "Northwind Traders", "Northwind Traders plc", LON, "Wholesale",
	    "regular", "good", "northwind-traders.co.uk", NULL, NULL, NULL },
	{ "Contoso GmbH", NULL, BER, "Software", "prospect", "regular",
	    "contoso.de", NULL, NULL, NULL },
	{ "Globex GmbH", NULL, BER, "Engineering", "lead", "regular",
	    "globex.de", NULL, NULL, NULL },
	{ "Initech Ltd", NULL, LON, "IT services", "lost", "regular",
	    "initech.co.uk", NULL, NULL, NULL },
	{ "Umbrella Supplies", "Umbrella Supplies GmbH", BER,
	    "Medical supplies", "customer", "good", "umbrella-supplies.de",
	    NULL, NULL, NULL },
	{ "Stark Components", "Stark Components Ltd", LON, "Electronics",
	    "prospect", "good", "stark-components.co.uk", NULL, NULL, NULL },
	{ "Wayne Logistics", "Wayne Logistics Ltd", LON, "Logistics", "lead",
	    "regular", "wayne-logistics.co.uk", NULL, NULL, NULL },
	{ "Blue Harbour Trading", "Blue Harbour Trading GmbH", BER,
	    "Wholesale", "customer", "regular", "blueharbour.de", NULL, NULL,
	    NULL },
	{ "Oakridge Systems", "Oakridge Systems Ltd", LON, "Automation",
	    "regular", "VIP", "oakridge-systems.co.uk", NULL, NULL, NULL },
	{ "Fabrikam GmbH", NULL, BER, "Textiles", "prospect", "regular",
	    "fabrikam.de", NULL, NULL, NULL },
	{ "Tailspin Toys", "Tailspin Toys Ltd", LON, "Toys", "lead",
	    "regular", "tailspintoys.co.uk", NULL, NULL, NULL },
	{ "Litware Inc", NULL, BER, "Software", "lost", "regular",
	    "litware.de", NULL, NULL, NULL },
	{ "Adventure Works", "Adventure Works Ltd", LON, "Sports equipment",
	    "customer", "good", "adventure-works.co.uk", NULL, NULL, NULL },
};
#define NCOMPANIES	((int)NELEM(companies))
#define PEOPLE		2	/* contacts per company */

static const char *const sources_ru[] = {
	"выставка", "рекомендация", "сайт", "cold call", "тендер",
	"холодный звонок",
};
static const char *const sources_en[] = {
	"cold call", "trade fair", "referral", "website",
};

/* A name and its Latin spelling (for e-mail addresses). */
struct name {
	const char	*s, *lat;
};

/* Russian surnames in the masculine; the feminine adds "а". */
static const struct name last_ru[] = {
	{ "Смирнов", "smirnov" }, { "Кузьмин", "kuzmin" },
	{ "Попов", "popov" }, { "Соколов", "sokolov" },
	{ "Лебедев", "lebedev" }, { "Козлов", "kozlov" },
	{ "Новиков", "novikov" }, { "Морозов", "morozov" },
	{ "Волков", "volkov" }, { "Соловьёв", "solovyov" },
	{ "Васильев", "vasilyev" }, { "Зайцев", "zaitsev" },
	{ "Павлов", "pavlov" }, { "Семёнов", "semyonov" },
	{ "Голубев", "golubev" }, { "Виноградов", "vinogradov" },
	{ "Богданов", "bogdanov" }, { "Фёдоров", "fyodorov" },
	{ "Михайлов", "mikhailov" }, { "Тарасов", "tarasov" },
	{ "Белов", "belov" }, { "Комаров", "komarov" },
	{ "Орлов", "orlov" }, { "Киселёв", "kiselyov" },
	{ "Макаров", "makarov" }, { "Андреев", "andreev" },
	{ "Гарипов", "garipov" }, { "Хабибуллин", "khabibullin" },
	{ "Сафин", "safin" }, { "Валиев", "valiev" },
};
static const struct name first_ru[2][15] = { {
	{ "Александр", "a" }, { "Алексей", "a" }, { "Андрей", "a" },
	{ "Сергей", "s" }, { "Дмитрий", "d" }, { "Михаил", "m" },
	{ "Игорь", "i" }, { "Николай", "n" }, { "Владимир", "v" },
	{ "Евгений", "e" }, { "Павел", "p" }, { "Олег", "o" },
	{ "Рустам", "r" }, { "Ильдар", "i" }, { "Артём", "a" },
}, {
	{ "Елена", "e" }, { "Ольга", "o" }, { "Наталья", "n" },
	{ "Татьяна", "t" }, { "Ирина", "i" }, { "Анна", "a" },
	{ "Мария", "m" }, { "Светлана", "s" }, { "Юлия", "y" },
	{ "Екатерина", "e" }, { "Гульнара", "g" }, { "Марина", "m" },
	{ "Алсу", "a" }, { "Ксения", "k" }, { "Дарья", "d" },
} };
static const char *const middle_ru[][2] = {
	{ "Иванович", "Ивановна" }, { "Петрович", "Петровна" },
	{ "Сергеевич", "Сергеевна" }, { "Александрович", "Александровна" },
	{ "Владимирович", "Владимировна" }, { "Николаевич", "Николаевна" },
	{ "Викторович", "Викторовна" }, { "Андреевич", "Андреевна" },
	{ "Михайлович", "Михайловна" }, { "Юрьевич", "Юрьевна" },
	{ "Ринатович", "Ринатовна" }, { "Олегович", "Олеговна" },
};

static const struct name last_uk[] = {
	{ "Smith", "smith" }, { "Johnson", "johnson" }, { "Brown", "brown" },
	{ "Taylor", "taylor" }, { "Wilson", "wilson" }, { "Clarke", "clarke" },
	{ "Walker", "walker" }, { "Wright", "wright" }, { "Hughes", "hughes" },
	{ "Green", "green" }, { "Hall", "hall" }, { "Wood", "wood" },
};
static const struct name first_uk[2][8] = { {
	{ "James", "j" }, { "John", "j" }, { "Robert", "r" },
	{ "Michael", "m" }, { "David", "d" }, { "Oliver", "o" },
	{ "Harry", "h" }, { "Peter", "p" },
}, {
	{ "Emma", "e" }, { "Sarah", "s" }, { "Laura", "l" },
	{ "Sophie", "s" }, { "Claire", "c" }, { "Kate", "k" },
	{ "Emily", "e" }, { "Grace", "g" },
} };
static const struct name last_de[] = {
	{ "Müller", "mueller" }, { "Schmidt", "schmidt" },
	{ "Schneider", "schneider" }, { "Fischer", "fischer" },
	{ "Weber", "weber" }, { "Wagner", "wagner" },
	{ "Becker", "becker" }, { "Hoffmann", "hoffmann" },
};
static const struct name first_de[2][8] = { {
	{ "Klaus", "k" }, { "Stefan", "s" }, { "Jürgen", "j" },
	{ "Thomas", "t" }, { "Andreas", "a" }, { "Markus", "m" },
	{ "Lukas", "l" }, { "Felix", "f" },
}, {
	{ "Anna", "a" }, { "Julia", "j" }, { "Katrin", "k" },
	{ "Sabine", "s" }, { "Petra", "p" }, { "Lena", "l" },
	{ "Monika", "m" }, { "Sophie", "s" },
} };

struct position {
	const char	*title, *role;
};
static const char *const boss_ru[] = {
	"Генеральный директор", "Коммерческий директор",
	"Директор по закупкам",
};
static const char *const boss_en[] = {
	"CEO", "Managing Director", "Head of Procurement",
};
static const struct position staff_ru[] = {
	{ "Главный инженер", "influencer" },
	{ "Главный бухгалтер", "influencer" },
	{ "Начальник отдела снабжения", "influencer" },
	{ "Менеджер по закупкам", "user" },
	{ "Инженер-технолог", "user" },
	{ "Секретарь", "gatekeeper" },
	{ "Офис-менеджер", "gatekeeper" },
	{ "Юрист", "other" },
};
static const struct position staff_en[] = {
	{ "CFO", "influencer" },
	{ "Operations Manager", "influencer" },
	{ "IT Director", "influencer" },
	{ "Purchasing Manager", "user" },
	{ "Production Engineer", "user" },
	{ "Office Manager", "gatekeeper" },
	{ "Personal Assistant", "gatekeeper" },
	{ "Legal Counsel", "other" },
};
static const char *const hobbies_ru[] = {
	"рыбалка", "теннис", "шахматы", "горные лыжи", "охота", "футбол",
	"садоводство",
};
static const char *const hobbies_en[] = {
	"golf", "sailing", "chess", "cycling", "football", "gardening",
};

/*
 * Event types, results and deal stages, by code.  The ids are looked up
 * at run time: they are rows a user may have renumbered or removed.
 */
enum { T_CALL, T_MEETING, T_EMAIL, T_BIRTHDAY, NTYPES };
static const char *const type_codes[NTYPES] = {
	"call", "meeting", "email", "birthday",
};
enum {
	R_REACHED_DM, R_PROPOSAL, R_MEETING_SET, R_CALLBACK, R_NO_ANSWER,
	R_REFUSED, R_INVOICE, R_HELD, NRESULTS
};
static const char *const result_codes[NRESULTS] = {
	"reached_dm", "proposal_sent", "meeting_set", "callback", "no_answer",
	"refused", "invoice_issued", "held",
};
enum {
	S_FIRST, S_NEED, S_PROPOSAL, S_NEGOTIATION, S_WON, S_LOST, NSTAGES
};
static const char *const stage_codes[NSTAGES] = {
	"first_contact", "need_found", "proposal_sent", "negotiation", "won",
	"lost",
};

/* Subjects by type, Russian then English. */
static const char *const call_subj[2][7] = { {
	"Уточнить потребность", "Созвониться по поставке",
	"Напомнить об оплате счёта", "Уточнить сроки поставки",
	"Договориться о встрече", "Обсудить коммерческое предложение",
	"Позвонить по рекламации",
}, {
	"Clarify requirements", "Follow up on the proposal",
	"Payment reminder", "Check delivery dates", "Arrange a meeting",
	"Discuss the quote", "Call about the complaint",
} };
static const char *const meeting_subj[2][5] = { {
	"Встреча по договору", "Презентация продукции",
	"Переговоры по цене", "Подписание спецификации",
	"Визит на производство",
}, {
	"Contract meeting", "Product demo", "Price negotiation",
	"Quarterly review", "Site visit",
} };
static const char *const email_subj[2][3] = { {
	"Отправить коммерческое предложение", "Выслать счёт",
	"Отправить прайс-лист",
}, {
	"Send proposal", "Send invoice", "Send price list",
} };

/* What happened, by result: two wordings in each language. */
static const char *const result_text[NRESULTS][2][2] = {
	[R_REACHED_DM] = { {
		"Поговорил с директором, интерес есть, ждут КП.",
		"Директор подтвердил бюджет на квартал.",
	}, {
		"Spoke to the MD, interested, waiting for a quote.",
		"Budget for the quarter confirmed.",
	} },
	[R_PROPOSAL] = { {
		"КП отправлено на почту, перезвонить через неделю.",
		"Выслал предложение со скидкой 5 %.",
	}, {
		"Proposal e-mailed, call back in a week.",
		"Sent the quote with a 5% volume discount.",
	} },
	[R_MEETING_SET] = { {
		"Договорились о встрече в офисе клиента.",
		"Встреча назначена, приедут главный инженер и снабженец.",
	}, {
		"Meeting agreed at their office.",
		"Demo booked with the operations team.",
	} },
	[R_CALLBACK] = { {
		"Просили перезвонить после совещания.",
		"Секретарь: директор в командировке до конца недели.",
	}, {
		"Asked to call back after their board meeting.",
		"PA says the director is travelling this week.",
	} },
	[R_NO_ANSWER] = { {
		"Не берут трубку, попробовать завтра утром.",
		"Номер занят весь день.",
	}, {
		"No answer, try tomorrow morning.",
		"Voicemail, left a message.",
	} },
	[R_REFUSED] = { {
		"Отказ: работают с другим поставщиком.",
		"Сейчас не актуально, вернуться через полгода.",
	}, {
		"Not interested: happy with their current supplier.",
		"No budget this year.",
	} },
	[R_INVOICE] = { {
		"Выставлен счёт, оплата до конца месяца.",
		"Счёт отправлен бухгалтеру, обещали оплатить в пятницу.",
	}, {
		"Invoice issued, payment due end of month.",
		"Invoice sent to accounts payable.",
	} },
	[R_HELD] = { {
		"Встреча прошла хорошо, согласовали спецификацию.",
		"Показали образцы, просят пробную партию.",
	}, {
		"Good meeting, specification agreed.",
		"Showed samples, they want a pilot batch.",
	} },
};
static const int call_results[] = {
	R_REACHED_DM, R_REACHED_DM, R_MEETING_SET, R_CALLBACK, R_NO_ANSWER,
	R_REFUSED, R_INVOICE, R_PROPOSAL,
};
static const int meeting_results[] = {
	R_HELD, R_HELD, R_HELD, R_PROPOSAL, R_REACHED_DM,
};
static const int email_results[] = { R_PROPOSAL, R_INVOICE };

static const char *const cancel_text[2] = {
	"Клиент перенёс встречу на следующий месяц.",
	"Cancelled by the client, to be rescheduled.",
};

static const struct demo_deal {
	int		 company;
	int		 stage;
	const char	*title;
	int64_t		 rubles;
	int		 quantity;
	int		 close_days;	/* closed (won, lost) or expected */
	const char	*terms;
	const char	*lost_reason;
} deals[] = {
	{ 0, S_WON, "Поставка упаковки, годовой контракт", 1250000, 12,
	    -170, "Отсрочка 14 дней, доставка за наш счёт", NULL },
	{ 1, S_WON, "Металлопрокат, партия 2", 3480000, 40, -175,
	    "Предоплата 30 %, остаток по факту", NULL },
	{ 11, S_WON, "Запорная арматура", 2150000, 150, -120,
	    "Оплата в течение 30 дней", NULL },
	{ 26, S_WON, "Spare parts framework agreement", 1800000, 500, -90,
	    "Net 30, DAP London", NULL },
	{ 18, S_WON, "Датчики давления", 640000, 80, -45, "100 % предоплата",
	    NULL },
	{ 8, S_LOST, "Оснащение склада", 920000, 1, -60, NULL,
	    "Выбрали конкурента: цена ниже на 12 %" },
	{ 13, S_LOST, "Поставка оборудования", 1500000, 3, -35, NULL,
	    "Проект заморожен, нет бюджета" },
	{ 30, S_LOST, "Office equipment rollout", 450000, 60, -20, NULL,
	    "Chose a local supplier" },
	{ 15, S_NEGOTIATION, "Комплектующие на второе полугодие", 2700000,
	    300, 14, "Обсуждаем скидку за объём", NULL },
	{ 35, S_NEGOTIATION, "Annual maintenance contract", 1200000, 1, 21,
	    "Quarterly visits, 48-hour response", NULL },
	{ 6, S_NEGOTIATION, "Упаковочные материалы", 380000, 2000, 10, NULL,
	    NULL },
	{ 3, S_PROPOSAL, "Пилотная партия", 560000, 200, 30,
	    "Пилот 200 шт., оплата по факту", NULL },
	{ 28, S_PROPOSAL, "Pilot delivery", 300000, 50, 25,
	    "Payment 30 days after delivery", NULL },
	{ 22, S_PROPOSAL, "Фильтры, ежемесячные поставки", 720000, 120, 18,
	    NULL, NULL },
	{ 7, S_NEED, "Стройматериалы для ЖК «Сосновый»", 4300000, 1, 60,
	    NULL, NULL },
	{ 17, S_NEED, "Расходные материалы", 210000, 500, 45, NULL, NULL },
	{ 32, S_NEED, "Components for the new line", 950000, 1000, 50, NULL,
	    NULL },
	{ 14, S_FIRST, "Пробный заказ", 90000, 10, 40, NULL, NULL },
	{ 23, S_FIRST, "Логистика Новосибирск — Казань", 600000, 12, 75, NULL,
	    NULL },
	{ 36, S_FIRST, "Introductory offer", 150000, 100, 60, NULL, NULL },
};

static const struct demo_task {
	int		 company;	/* NO_COMPANY: a task of one's own */
	int		 days;		/* due, from today; NO_DUE: none */
	int		 hour;
	const char	*priority;
	const char	*status;
	const char	*title;
	const char	*description;
} tasks[] = {
	/* overdue */
	{ 3, -3, 18, "high", "open", "Подготовить КП для «Техносферы»",
	    "Цены на пилотную партию, сроки, условия оплаты." },
	{ 0, -1, 12, "high", "open", "Выставить счёт ООО «Ромашка»", NULL },
	{ 28, -2, 17, "normal", "open", "Send the revised price list to "
	    "Contoso", NULL },
	{ 1, -5, 18, "normal", "open", "Сверка взаиморасчётов с "
	    "«Северсталь-Трейд»", "Акт сверки за квартал, подписать и "
	    "отправить оригинал почтой." },
	{ 25, -1, 18, "normal", "open", "Продлить договор с «Казанскими "
	    "окнами»", NULL },
	/* today */
	{ 15, 0, 12, "high", "open", "Согласовать скидку с руководителем",
	    "«Невский завод» просит 7 % при годовом объёме." },
	{ 6, 0, 15, "normal", "open", "Отправить договор на подпись в "
	    "«Волга-Логистик»", NULL },
	{ 35, 0, 16, "high", "open", "Prepare the demo for Oakridge Systems",
	    "Maintenance dashboard, SLA report sample." },
	{ 2, 0, 18, "low", "open", "Проверить оплату от ИП Петров", NULL },
	{ NO_COMPANY, 0, 19, "low", "open", "Обновить карточки контактов "
	    "после выставки", NULL },
	/* later */
	{ NO_COMPANY, 3, 18, "normal", "open", "Подготовить отчёт по "
	    "продажам за месяц", NULL },
	{ NO_COMPANY, 7, 12, "low", "open", "Пригласить клиентов на семинар",
	    "Список — VIP и good, приглашения до конца недели." },
	{ 32, 2, 12, "normal", "open", "Forward the tender documents to "
	    "Stark", NULL },
	{ 23, 4, 15, "normal", "open", "Рассчитать логистику до Новосибирска",
	    NULL },
	{ 11, 6, 12, "low", "open", "Запросить рекомендательное письмо у "
	    "«ТатНефтеСервис»", NULL },
	{ 36, 5, 11, "normal", "open", "Follow up Fabrikam after the intro "
	    "call", NULL },
	{ NO_COMPANY, 10, 18, "normal", "open", "Актуализировать прайс-лист",
	    NULL },
	{ 7, 2, 17, "high", "open", "Подготовить спецификацию для "
	    "«Альфа-Строй»", NULL },
	{ 26, 14, 12, "low", "open", "Renew the NDA with Acme Corp", NULL },
	{ NO_COMPANY, NO_DUE, 0, "low", "open", "Собрать отзывы клиентов для "
	    "сайта", NULL },
	/* done and cancelled */
	{ 9, -10, 12, "normal", "done", "Отправить образцы в «Медтехника "
	    "Плюс»", NULL },
	{ 15, -7, 15, "normal", "done", "Согласовать график поставок с "
	    "«Невским заводом»", NULL },
	{ 26, -20, 12, "high", "done", "Send the contract draft to Acme",
	    NULL },
	{ 18, -14, 18, "normal", "done", "Выставить счёт «ПромАвтоматике»",
	    NULL },
	{ 22, -4, 11, "low", "done", "Проверить реквизиты «ЭкоВоды»", NULL },
	{ 8, -12, 10, "normal", "cancelled", "Визит в «Балтийский берег»",
	    "Клиент ушёл к конкуренту." },
};

static const struct demo_note {
	int		 company;
	const char	*title, *body;
} notes[] = {
	{ 0, "Условия работы с «Ромашкой»", "Отсрочка платежа 14 дней.\n"
	    "Доставка за наш счёт при заказе от 100 000 ₽.\n"
	    "Счета — на e-mail бухгалтерии." },
	{ 1, "Контакты склада", "Склад: ул. Складская, 4, въезд с торца.\n"
	    "Приёмка с 8:00 до 16:00, пропуск заказывать за сутки." },
	{ 11, "Тендерные требования", "Закупки через электронную площадку.\n"
	    "Нужна выписка из ЕГРЮЛ не старше 30 дней и банковская "
	    "гарантия." },
	{ 26, "Acme: decision process", "Purchases over £10k need sign-off "
	    "from the CFO.\nTheir budget year starts in April." },
	{ 3, "Итоги первой встречи", "Интересуются пилотной партией на 200 "
	    "единиц.\nГлавный вопрос — сроки поставки, цена вторична." },
	{ 15, "Скидка по объёму", "Согласовано: 5 % при годовом объёме "
	    "свыше 3 млн ₽, 7 % — свыше 5 млн ₽." },
	{ 35, "Oakridge: maintenance scope", "Quarterly on-site visits, "
	    "48-hour response time.\nThey want an SLA report every month." },
	{ 8, "Почему ушли", "Выбрали «ПромСнаб»: цена ниже на 12 %, но сроки "
	    "поставки дольше.\nВернуться к разговору через полгода." },
	{ NO_COMPANY, "Скрипт холодного звонка", "1. Представиться, назвать "
	    "компанию.\n2. Спросить, кто отвечает за закупки.\n"
	    "3. Предложить каталог и договориться о следующем звонке." },
	{ NO_COMPANY, "Plan for the trade fair", "Stand B-14, three days.\n"
	    "Bring catalogues (RU/EN), samples and the price list." },
	{ 6, "Логистика", "Возят сами, своим транспортом. Нужна упаковка на "
	    "паллетах и маркировка." },
	{ 22, "Ежемесячные поставки", "Хотят график поставок на полгода "
	    "вперёд и фиксированную цену." },
	{ 28, "Contoso: pilot terms", "Pilot: 50 units, payment 30 days "
	    "after delivery.\nIf it goes well, a yearly contract." },
	{ 19, "Как работать с ИП Кузнецовым", "Работает сам, без бухгалтера. "
	    "Счета присылать в WhatsApp." },
	{ 12, "Сезонность", "Пик заказов — октябрь–декабрь (новогодние "
	    "наборы). Летом закупки минимальные." },
};

static const struct demo_link {
	int		 company;
	const char	*kind, *title, *url, *description;
} links[] = {
	{ NO_COMPANY, "competitor", "«ПромСнаб» — каталог и цены",
	    "https://promsnab-kzn.ru/catalog",
	    "Основной конкурент в Казани, демпингуют на крупных заказах." },
	{ NO_COMPANY, "competitor", "TradeLine Europe",
	    "https://www.tradeline-europe.com", "Competitor in the EU." },
	{ NO_COMPANY, "competitor", "«СтройСнаб Урал»",
	    "https://stroysnab-ural.ru", "Конкурент в Екатеринбурге." },
	{ NO_COMPANY, "supplier", "Прайс-лист «ТехКомплект»",
	    "https://tehkomplekt.ru/price.xlsx",
	    "Обновляется по понедельникам." },
	{ NO_COMPANY, "supplier", "Упаковка «Тара-Сервис»",
	    "https://tara-service.ru", "Гофрокороба, доставка за 2 дня." },
	{ 27, "supplier", "Northwind price list",
	    "https://northwind-traders.co.uk/prices",
	    "Wholesale prices, updated monthly." },
	{ NO_COMPANY, "partner", "ТК «Быстрый груз» — расчёт доставки",
	    "https://bystrygruz.ru/calc", "Партнёр по доставке в регионы." },
	{ 26, "partner", "Acme Corp supplier portal",
	    "https://suppliers.acme-corp.co.uk",
	    "Upload invoices here." },
	{ 11, "partner", "Портал закупок «ТатНефтеСервис»",
	    "https://zakupki.tatneftservis.ru", "Здесь публикуют тендеры." },
	{ 35, "partner", "Oakridge Systems service desk",
	    "https://support.oakridge-systems.co.uk",
	    "Tickets for maintenance requests." },
};

/* ---- the run ---- */

struct demo {
	struct db	*db;
	struct so_err	*err;
	uint64_t	 rng;
	time_t		 now;
	time_t		 today;		/* local midnight */
	int64_t		 type_id[NTYPES];
	int64_t		 result_id[NRESULTS];
	int64_t		 stage_id[NSTAGES];
	int64_t		 company[NCOMPANIES];
	int64_t		 contact[NCOMPANIES][PEOPLE];	/* [0]: the boss */
	int64_t		 deal[NCOMPANIES];	/* its deal, or 0 */
	char		 won_on[NCOMPANIES][11];	/* won deal's date */
	int		 ncompany, ncontact, nevent, ntask, nnote, nlink;
	int		 ndeal, npayment, nprogram, nmember;
};

/* xorshift64*: tiny, fixed-seed, the same sequence everywhere. */
static uint64_t
rnd64(struct demo *d)
{
	d->rng ^= d->rng >> 12;
	d->rng ^= d->rng << 25;
	d->rng ^= d->rng >> 27;
	return d->rng * 0x2545f4914f6cdd1dULL;
}

/* 0 .. n-1 */
static int
rnd(struct demo *d, int n)
{
	return (int)((rnd64(d) >> 33) % (uint64_t)n);
}

#define PICK(d, a)	((a)[rnd((d), (int)NELEM(a))])

static int
is_en(int co)
{
	return cities[companies[co].city].lang != RU;
}

/* Replaces a text field (the store's init may have set a default). */
static void
set(char **field, const char *value)
{
	free(*field);
	*field = value ? xstrdup(value) : NULL;
}

/* The same, taking ownership of an allocated value. */
static void
set_own(char **field, char *value)
{
	free(*field);
	*field = value;
}

/*
 * Today + days at hour:min, local time.  Through mktime rather than
 * adding 86400s, so a daylight-saving change in between does not move
 * a 10:00 call to 09:00.
 */
static time_t
moment(const struct demo *d, int days, int hour, int min)
{
	struct tm tm;
	time_t t = d->today;

	localtime_r(&t, &tm);
	tm.tm_mday += days;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static char *
date_str(time_t t)
{
	char buf[11];

	dt_format_date(t, buf);
	return xstrdup(buf);
}

/* days moved off a weekend, away from today (past stays past). */
static int
workday(const struct demo *d, int days)
{
	struct tm tm;
	time_t t = moment(d, days, 12, 0);

	localtime_r(&t, &tm);
	if (tm.tm_wday == 6)
		return days < 0 ? days - 1 : days + 2;
	if (tm.tm_wday == 0)
		return days < 0 ? days - 2 : days + 1;
	return days;
}

/* A company that is still being worked with (not lost). */
static int
pick_active(struct demo *d)
{
	int co;

	do
		co = rnd(d, NCOMPANIES);
	while (strcmp(companies[co].status, "lost") == 0);
	return co;
}

static char *
phone(struct demo *d, const struct city *c)
{
	switch (c->lang) {
	case RU:
		return xasprintf("%s %03d-%02d-%02d", c->code,
		    200 + rnd(d, 800), rnd(d, 100), rnd(d, 100));
	case UK:
		/* 020 7946 0xxx: Ofcom's range reserved for drama. */
		return xasprintf("%s 7946 0%03d", c->code, rnd(d, 1000));
	default:
		return xasprintf("%s %04d %04d", c->code, 1000 + rnd(d, 9000),
		    rnd(d, 10000));
	}
}

static char *
mobile(struct demo *d, enum lang lang)
{
	switch (lang) {
	case RU:
		return xasprintf("+7 9%02d %03d-%02d-%02d", rnd(d, 100),
		    rnd(d, 1000), rnd(d, 100), rnd(d, 100));
	case UK:
		return xasprintf("+44 7700 900%03d", rnd(d, 1000));
	default:
		return xasprintf("+49 151 %04d %04d", rnd(d, 10000),
		    rnd(d, 10000));
	}
}

/* The "ООО «X»" -> "Общество с ограниченной ответственностью «X»" form. */
static char *
legal_name(const struct demo_company *c)
{
	static const struct {
		const char *abbr, *full;
	} forms[] = {
		{ "ООО ", "Общество с ограниченной ответственностью " },
		{ "АО ", "Акционерное общество " },
	};
	size_t i, n;

	if (c->legal_name)
		return xstrdup(c->legal_name);
	for (i = 0; i < NELEM(forms); i++) {
		n = strlen(forms[i].abbr);
		if (strncmp(c->name, forms[i].abbr, n) == 0)
			return xasprintf("%s%s", forms[i].full, c->name + n);
	}
	return NULL;
}

static int
lookups(struct demo *d)
{
	int ret;

	if ((ret = store_lookup_ids(d->db, LOOKUP_EVENT_TYPES, type_codes,
	    d->type_id, NTYPES, d->err)) != SO_OK)
		return ret;
	if ((ret = store_lookup_ids(d->db, LOOKUP_EVENT_RESULTS, result_codes,
	    d->result_id, NRESULTS, d->err)) != SO_OK)
		return ret;
	return store_lookup_ids(d->db, LOOKUP_DEAL_STAGES, stage_codes,
	    d->stage_id, NSTAGES, d->err);
}

/* Refuses a database that already has companies, live or in the trash. */
static int
check_empty(struct demo *d)
{
	struct list_query q = { .sort = -1 };
	int64_t live, trash;
	int ret;

	if ((ret = rec_count(d->db, &entity_company, &q, &live, d->err)) !=
	    SO_OK)
		return ret;
	q.trash = 1;
	if ((ret = rec_count(d->db, &entity_company, &q, &trash, d->err)) !=
	    SO_OK)
		return ret;
	if (live + trash > 0)
		return so_err_set(d->err, SO_EINVAL, _("%s: DB already has "
		    "data; demo fills only an empty database"),
		    db_path(d->db));
	return SO_OK;
}

/* Writes rec, a record of ent the caller filled, and counts it in *n. */
static int
put(struct demo *d, const struct entity *ent, void *rec, int *n)
{
	int ret = rec_create(d->db, ent, rec, d->err);

	if (ret == SO_OK)
		(*n)++;
	return ret;
}

/* ---- the fixed tables' records (one loop, add_kind, writes them) ---- */

static void
fill_company(struct demo *d, size_t i, void *rec)
{
	const struct demo_company *dc = &companies[i];
	const struct city *city = &cities[dc->city];
	struct company *c = rec;

	set(&c->name, dc->name);
	set_own(&c->legal_name, legal_name(dc));
	set(&c->category, dc->category);
	set(&c->status, dc->status);
	set(&c->industry, dc->industry);
	set(&c->city, city->name);
	if (city->lang == RU)
		set_own(&c->address, xasprintf("г. %s, %s, д. %d",
		    city->name, PICK(d, city->street), 1 + rnd(d, 120)));
	else if (city->lang == UK)
		set_own(&c->address, xasprintf("%d %s, %s",
		    1 + rnd(d, 120), PICK(d, city->street), city->name));
	else
		set_own(&c->address, xasprintf("%s %d, %s",
		    PICK(d, city->street), 1 + rnd(d, 120), city->name));
	/* The number the design's screen sketch shows. */
	if (i == 0)
		set(&c->phone, "+7 843 555-12-34");
	else
		set_own(&c->phone, phone(d, city));
	if (rnd(d, 3) == 0)
		set_own(&c->phone2, phone(d, city));
	if (dc->domain) {
		set_own(&c->email, xasprintf("%s@%s",
		    city->lang == RU ? "info" : "sales", dc->domain));
		set_own(&c->website, xasprintf("https://%s", dc->domain));
	} else
		set_own(&c->email, xasprintf("%s@yandex.ru", dc->owner_mail));
	if (i == 0)
		set(&c->source, "выставка");
	else if (city->lang == RU)
		set(&c->source, PICK(d, sources_ru));
	else
		set(&c->source, PICK(d, sources_en));
	set(&c->comment, dc->comment);
}

static int
made_company(struct demo *d, size_t i, void *rec)
{
	d->company[i] = rec_meta(rec)->id;
	return SO_OK;
}

/*
 * Birthday "YYYY-MM-DD" of someone born in year whose birthday falls
 * days from today.  year must be a leap year, in case today is 29 Feb.
 */
static char *
birthday_near(const struct demo *d, int year, int days)
{
	struct tm tm;
	time_t t = moment(d, days, 12, 0);

	localtime_r(&t, &tm);
	return xasprintf("%04d-%02d-%02d", year, tm.tm_mon + 1, tm.tm_mday);
}

/* Fills the name fields from "Фамилия Имя Отчество". */
static void
split_name(struct contact *c, const char *full)
{
	char *s = xstrdup(full), *last, *rest, *p;

	last = strtok_r(s, " ", &p);
	set(&c->last_name, last);
	if ((rest = strtok_r(NULL, " ", &p)) != NULL)
		set(&c->first_name, rest);
	if ((rest = strtok_r(NULL, " ", &p)) != NULL)
		set(&c->middle_name, rest);
	free(s);
}

/* A random person of the company's country; returns the mailbox. */
static char *
random_person(struct demo *d, struct contact *c, enum lang lang)
{
	const struct name *last, *first;
	int f = rnd(d, 2);

	switch (lang) {
	case RU:
		last = &PICK(d, last_ru);
		first = &PICK(d, first_ru[f]);
		set_own(&c->last_name, xasprintf("%s%s", last->s,
		    f ? "а" : ""));
		set(&c->first_name, first->s);
		set(&c->middle_name, middle_ru[rnd(d,
		    (int)NELEM(middle_ru))][f]);
		return xasprintf("%s.%s%s", first->lat, last->lat,
		    f ? "a" : "");
	case UK:
		last = &PICK(d, last_uk);
		first = &PICK(d, first_uk[f]);
		break;
	default:
		last = &PICK(d, last_de);
		first = &PICK(d, first_de[f]);
		break;
	}
	set(&c->last_name, last->s);
	set(&c->first_name, first->s);
	return xasprintf("%s.%s", first->lat, last->lat);
}

/* Row i: person j of company co, the boss first. */
static void
fill_person(struct demo *d, size_t i, void *rec)
{
	int co = (int)(i / PEOPLE), j = (int)(i % PEOPLE);
	const struct demo_company *dc = &companies[co];
	const struct city *city = &cities[dc->city];
	const struct position *pos;
	struct contact *c = rec;
	char *mailbox;
	int bday = INT_MIN;

	c->company_id = d->company[co];
	if (j == 0 && dc->owner) {
		split_name(c, dc->owner);
		mailbox = xstrdup(dc->owner_mail);
	} else
		mailbox = random_person(d, c, city->lang);
	if (j == 0) {
		/* Every company has someone who decides. */
		set(&c->role, "decision_maker");
		if (strncmp(dc->name, "ИП ", strlen("ИП ")) == 0)
			set(&c->position, "Индивидуальный предприниматель");
		else if (dc->owner)
			set(&c->position, boss_ru[0]);
		else
			set(&c->position, city->lang == RU ? PICK(d, boss_ru) :
			    PICK(d, boss_en));
	} else {
		pos = city->lang == RU ? &PICK(d, staff_ru) :
		    &PICK(d, staff_en);
		set(&c->position, pos->title);
		set(&c->role, pos->role);
	}
	set_own(&c->email, xasprintf("%s@%s", mailbox,
	    dc->domain ? dc->domain : "yandex.ru"));
	/* Direct lines in the office, some through the switchboard. */
	if (dc->domain) {
		char *office = phone(d, city);

		if (rnd(d, 2))
			set_own(&c->phone_work, xasprintf("%s %s %d", office,
			    city->lang == RU ? "доб." : "ext.",
			    100 + rnd(d, 900)));
		else
			set_own(&c->phone_work, xstrdup(office));
		free(office);
	}
	set_own(&c->phone_mobile, mobile(d, city->lang));
	if (rnd(d, 3) == 0 && city->lang == RU) {
		char *p;

		/* Telegram user names allow no dots. */
		for (p = mailbox; *p; p++)
			if (*p == '.')
				*p = '_';
		set_own(&c->messengers, xasprintf("Telegram @%s", mailbox));
	} else if (rnd(d, 4) == 0)
		set(&c->messengers, "WhatsApp");
	free(mailbox);
	if (rnd(d, 4) == 0)
		set(&c->hobbies, city->lang == RU ? PICK(d, hobbies_ru) :
		    PICK(d, hobbies_en));
	/* Someone to congratulate today and tomorrow, in the agenda. */
	if (co == 0 && j == 0)
		bday = 0;
	else if (co == 1 && j == 0)
		bday = 1;
	if (bday != INT_MIN)
		set_own(&c->birthday, birthday_near(d, bday ? 1980 : 1976,
		    bday));
	else if (rnd(d, 5) < 2)
		set_own(&c->birthday, xasprintf("%04d-%02d-%02d",
		    1960 + rnd(d, 36), 1 + rnd(d, 12), 1 + rnd(d, 28)));
}

static int
made_person(struct demo *d, size_t i, void *rec)
{
	d->contact[i / PEOPLE][i % PEOPLE] = rec_meta(rec)->id;
	return SO_OK;
}

static void
fill_deal(struct demo *d, size_t i, void *rec)
{
	const struct demo_deal *dd = &deals[i];
	int closed = dd->stage == S_WON || dd->stage == S_LOST;
	struct deal *k = rec;

	set(&k->title, dd->title);
	k->company_id = d->company[dd->company];
	k->contact_id = d->contact[dd->company][0];
	k->stage_id = d->stage_id[dd->stage];
	k->amount = dd->rubles * 100;
	k->quantity = dd->quantity;
	/* A closed deal was expected to close a little later than it did;
	 * an open one closes when planned. */
	set_own(&k->expected_close, date_str(moment(d,
	    workday(d, dd->close_days + (closed ? 7 : 0)), 12, 0)));
	if (closed)
		set_own(&k->closed_on, date_str(moment(d,
		    workday(d, dd->close_days), 12, 0)));
	set(&k->terms, dd->terms);
	set(&k->lost_reason, dd->lost_reason);
}

/* The company's deal, and the day it was won (payments after it count
 * towards it). */
static int
made_deal(struct demo *d, size_t i, void *rec)
{
	const struct demo_deal *dd = &deals[i];
	const struct deal *k = rec;

	d->deal[dd->company] = k->meta.id;
	if (dd->stage == S_WON)
		snprintf(d->won_on[dd->company],
		    sizeof(d->won_on[dd->company]), "%s", k->closed_on);
	return SO_OK;
}

/*
 * One call, meeting or e-mail with company co.  result < 0 for a planned
 * or cancelled event; otherwise it is done with that result.
 */
static int
add_event(struct demo *d, int type, int co, time_t start, const char *status,
    int result)
{
	int en = is_en(co), ret;
	struct event e;

	store_event_init(&e);
	e.type_id = d->type_id[type];
	e.start_at = start;
	e.company_id = d->company[co];
	/* Meetings are with whoever decides; calls with anyone. */
	e.contact_id = d->contact[co][type == T_MEETING ? 0 : rnd(d, PEOPLE)];
	if (d->deal[co] && rnd(d, 2))
		e.deal_id = d->deal[co];
	switch (type) {
	case T_MEETING:
		set(&e.subject, PICK(d, meeting_subj[en]));
		e.end_at = start + 60 * (60 + 30 * rnd(d, 2));
		break;
	case T_EMAIL:
		set(&e.subject, PICK(d, email_subj[en]));
		break;
	default:
		set(&e.subject, PICK(d, call_subj[en]));
		e.end_at = start + 60 * (10 + 5 * rnd(d, 4));
		break;
	}
	set(&e.status, status);
	if (strcmp(status, "planned") == 0)
		e.remind_min = type == T_MEETING ? 60 : 15;
	else if (strcmp(status, "cancelled") == 0)
		set(&e.result_comment, cancel_text[en]);
	if (result >= 0) {
		e.result_id = d->result_id[result];
		set(&e.result_comment, result_text[result][en][rnd(d, 2)]);
	}
	ret = put(d, &entity_event, &e, &d->nevent);
	store_event_clear(&e);
	return ret;
}

static int
random_type(struct demo *d)
{
	int r = rnd(d, 20);

	return r < 12 ? T_CALL : r < 17 ? T_MEETING : T_EMAIL;
}

/* The team's stand-up every working day at 09:15, for a month now: a
 * recurring series in the agenda.  It starts on a working day: RFC 5545
 * makes DTSTART the first occurrence, and calcurse refuses a series whose
 * start is not one of its own days. */
static int
add_standup(struct demo *d)
{
	struct event e;
	int ret;

	store_event_init(&e);
	e.type_id = d->type_id[T_MEETING];
	set(&e.subject, "Планёрка отдела продаж");
	e.start_at = moment(d, workday(d, -28), 9, 15);
	e.end_at = e.start_at + 15 * 60;
	set(&e.rrule, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
	e.remind_min = 10;
	set(&e.location, "Переговорная 2");
	ret = put(d, &entity_event, &e, &d->nevent);
	store_event_clear(&e);
	return ret;
}

/*
 * The agenda: calls left over from the last working days, a full today
 * (some already past, so the agenda shows overdue-today too), and the
 * next two weeks planned.
 */
static int
add_planned(struct demo *d)
{
	static const struct {
		int days, hour, min, type;
	} fixed[] = {
		{ -3, 16, 0, T_CALL }, { -2, 10, 0, T_CALL },
		{ -1, 11, 0, T_CALL }, { -1, 15, 30, T_CALL },
		{ 0, 9, 0, T_CALL }, { 0, 10, 30, T_CALL },
		{ 0, 12, 0, T_MEETING }, { 0, 13, 30, T_CALL },
		{ 0, 15, 0, T_CALL }, { 0, 16, 30, T_MEETING },
		{ 0, 18, 0, T_CALL },
		{ 1, 9, 30, T_CALL }, { 1, 11, 0, T_MEETING },
		{ 1, 15, 0, T_CALL },
	};
	struct tm tm;
	time_t t;
	size_t i;
	int k, ret;

	for (i = 0; i < NELEM(fixed); i++) {
		/* Ромашка opens the day: the company every example uses. */
		k = fixed[i].days == 0 && fixed[i].hour == 9 ? 0 :
		    pick_active(d);
		t = moment(d, fixed[i].days ? workday(d, fixed[i].days) : 0,
		    fixed[i].hour, fixed[i].min);
		if ((ret = add_event(d, fixed[i].type, k, t, "planned",
		    -1)) != SO_OK)
			return ret;
	}
	/* Made late in the evening, today would be all overdue: keep one
	 * call still ahead, if the day has room for it. */
	localtime_r(&d->now, &tm);
	if (tm.tm_hour >= 17 && tm.tm_hour < 23) {
		t = moment(d, 0, tm.tm_hour + 1, 0);
		if ((ret = add_event(d, T_CALL, pick_active(d), t, "planned",
		    -1)) != SO_OK)
			return ret;
	}
	for (k = 0; k < 16; k++) {
		t = moment(d, workday(d, 2 + rnd(d, 13)), 9 + rnd(d, 9),
		    30 * rnd(d, 2));
		if ((ret = add_event(d, random_type(d), pick_active(d), t,
		    "planned", -1)) != SO_OK)
			return ret;
	}
	return add_standup(d);
}

/* The last three months' work, done with results, and a few cancelled. */
static int
add_history(struct demo *d)
{
	time_t t;
	int k, type, result, ret;

	for (k = 0; k < 60; k++) {
		t = moment(d, workday(d, -1 - rnd(d, 90)), 9 + rnd(d, 9),
		    15 * rnd(d, 4));
		type = random_type(d);
		if (type == T_CALL)
			result = PICK(d, call_results);
		else if (type == T_MEETING)
			result = PICK(d, meeting_results);
		else
			result = PICK(d, email_results);
		if ((ret = add_event(d, type, rnd(d, NCOMPANIES), t, "done",
		    result)) != SO_OK)
			return ret;
	}
	for (k = 0; k < 3; k++) {
		t = moment(d, workday(d, k == 2 ? 5 : -4 - 9 * k), 14, 0);
		if ((ret = add_event(d, T_MEETING, pick_active(d), t,
		    "cancelled", -1)) != SO_OK)
			return ret;
	}
	return SO_OK;
}

static void
fill_task(struct demo *d, size_t i, void *rec)
{
	const struct demo_task *dt = &tasks[i];
	struct task *t = rec;

	set(&t->title, dt->title);
	set(&t->description, dt->description);
	if (dt->days != NO_DUE)
		t->due_at = moment(d, dt->days ? workday(d, dt->days) : 0,
		    dt->hour, 0);
	set(&t->priority, dt->priority);
	set(&t->status, dt->status);
	if (dt->company != NO_COMPANY) {
		t->company_id = d->company[dt->company];
		t->contact_id = d->contact[dt->company][0];
		if (d->deal[dt->company])
			t->deal_id = d->deal[dt->company];
	}
}

static void
fill_note(struct demo *d, size_t i, void *rec)
{
	const struct demo_note *dn = &notes[i];
	struct note *n = rec;

	set(&n->title, dn->title);
	set(&n->body, dn->body);
	if (dn->company != NO_COMPANY) {
		n->company_id = d->company[dn->company];
		if (i % 2)
			n->contact_id = d->contact[dn->company][0];
		if (d->deal[dn->company])
			n->deal_id = d->deal[dn->company];
	}
}

static void
fill_link(struct demo *d, size_t i, void *rec)
{
	const struct demo_link *dl = &links[i];
	struct link *l = rec;

	set(&l->url, dl->url);
	set(&l->title, dl->title);
	set(&l->description, dl->description);
	set(&l->kind, dl->kind);
	if (dl->company != NO_COMPANY)
		l->company_id = d->company[dl->company];
}

/*
 * Banks pay on working days: a weekend day moves to the Friday before,
 * or, where that is last month, to the Monday after -- unless that is
 * after today, when the payment stays on the weekend (a month must keep
 * its payments, and none may be in the future).
 */
static time_t
on_bank_day(const struct demo *d, time_t t)
{
	struct tm tm, moved;
	time_t m;

	localtime_r(&t, &tm);
	if (tm.tm_wday != 6 && tm.tm_wday != 0)
		return t;
	moved = tm;
	moved.tm_mday -= tm.tm_wday == 6 ? 1 : 2;
	moved.tm_isdst = -1;
	m = mktime(&moved);
	if (moved.tm_mon == tm.tm_mon)
		return m;
	moved = tm;
	moved.tm_mday += tm.tm_wday == 6 ? 2 : 1;
	moved.tm_isdst = -1;
	m = mktime(&moved);
	return moved.tm_mon == tm.tm_mon && m <= d->now ? m : t;
}

/* Noon of day mday, months_back months before this one. */
static time_t
month_day(const struct demo *d, int months_back, int mday)
{
	struct tm tm;
	time_t t = d->today;

	localtime_r(&t, &tm);
	tm.tm_mon -= months_back;
	tm.tm_mday = mday;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return on_bank_day(d, mktime(&tm));
}

/* One payment from company co on the given day (months_back, mday). */
static int
add_payment(struct demo *d, int co, int months_back, int mday)
{
	const struct demo_company *dc = &companies[co];
	struct payment p;
	int64_t rubles;
	int ret;

	if (strcmp(dc->category, "VIP") == 0)
		rubles = 250000 + rnd(d, 650000);
	else if (strcmp(dc->category, "good") == 0)
		rubles = 80000 + rnd(d, 220000);
	else
		rubles = 15000 + rnd(d, 105000);
	store_payment_init(&p);
	p.company_id = d->company[co];
	p.amount = rubles * 100 + 50 * rnd(d, 2);
	set_own(&p.paid_on, date_str(month_day(d, months_back, mday)));
	if (d->won_on[co][0] && strcmp(p.paid_on, d->won_on[co]) >= 0)
		p.deal_id = d->deal[co];
	if (is_en(co))
		set_own(&p.document, xasprintf("INV-%04d", 100 + rnd(d, 9900)));
	else
		set_own(&p.document, xasprintf("п/п № %d", 100 + rnd(d, 9900)));
	if (rnd(d, 3) == 0)
		set_own(&p.comment, xasprintf(is_en(co) ?
		    "Payment for invoice %d" : "Оплата по счёту № %d",
		    1 + rnd(d, 300)));
	ret = put(d, &entity_payment, &p, &d->npayment);
	store_payment_clear(&p);
	return ret;
}

/*
 * Half a year of payments (this month up to today included), shaped by
 * the sales path the store enforces: a regular customer pays in every
 * month, once or twice; a customer has made its first purchase, so it
 * paid in one month only (payments in a second month would make it a
 * regular customer, and the store would say so).  VIPs pay the most,
 * so the ABC ranking has a Pareto shape to find.  A payment counts
 * towards the company's won deal when it came after the deal was won.
 */
static int
add_payments(struct demo *d)
{
	struct tm tm;
	int m, k, n, co, ret;

	localtime_r(&d->today, &tm);
	for (co = 0; co < NCOMPANIES; co++) {
		if (strcmp(companies[co].status, "regular") == 0) {
			for (m = 5; m >= 0; m--) {
				n = 1 + rnd(d, 2);
				for (k = 0; k < n; k++)
					if ((ret = add_payment(d, co, m, 1 +
					    rnd(d, m ? 28 : tm.tm_mday))) !=
					    SO_OK)
						return ret;
			}
		} else if (strcmp(companies[co].status, "customer") == 0) {
			m = rnd(d, 6);
			n = 1 + rnd(d, 2);
			for (k = 0; k < n; k++)
				if ((ret = add_payment(d, co, m, 1 + rnd(d,
				    m ? 28 : tm.tm_mday))) != SO_OK)
					return ret;
		}
	}
	return SO_OK;
}

/* ---- programs ---- */

static const struct demo_program {
	const char	*name;
	const char	*kind;
	int		 starts, ends;	/* days from today */
	const char	*description;
	int		 members[8];	/* company indexes, -1 ends */
	const char	*status[8];	/* each member's */
	int		 people;	/* members are the decision makers */
} programs[] = {
	{ "Семинар «Складская логистика 2027»", "seminar", 16, 16,
	    "Полдня в нашем шоуруме: автоматизация склада, кейсы клиентов, "
	    "фуршет.", { 0, 6, 4, 22, 11, 19, -1 }, { "confirmed",
	    "confirmed", "invited", "invited", "declined", "invited" }, 1 },
	{ "Рассылка: прайс на 2027 год", "mailing", -12, -12,
	    "Новый прайс-лист и условия на следующий год всем клиентам.",
	    { 0, 1, 2, 4, 9, 12, 15, 25 }, { "bought", "bought", "invited",
	    "invited", "invited", "bought", "invited", "invited" }, 0 },
	{ "Autumn promotion: 10 % off spare parts", "promotion", -55, -10,
	    "Ten per cent off every spare part ordered in the period.",
	    { 26, 27, 32, 35, 39, -1 }, { "bought", "attended", "declined",
	    "bought", "attended" }, 1 },
};

static void
fill_program(struct demo *d, size_t i, void *rec)
{
	const struct demo_program *dp = &programs[i];
	struct program *p = rec;

	set(&p->name, dp->name);
	set(&p->kind, dp->kind);
	set_own(&p->starts_on, date_str(moment(d, workday(d, dp->starts),
	    12, 0)));
	set_own(&p->ends_on, date_str(moment(d, workday(d, dp->ends), 12,
	    0)));
	set(&p->description, dp->description);
}

/* The program's members, each with the status its table gives. */
static int
made_program(struct demo *d, size_t i, void *rec)
{
	const struct demo_program *dp = &programs[i];
	struct program_member m;
	size_t j;
	int ret = SO_OK;

	for (j = 0; ret == SO_OK && j < NELEM(dp->members) &&
	    dp->members[j] >= 0; j++) {
		store_member_init(&m);
		m.program_id = rec_meta(rec)->id;
		m.company_id = d->company[dp->members[j]];
		if (dp->people)
			m.contact_id = d->contact[dp->members[j]][0];
		set(&m.status, dp->status[j]);
		ret = put(d, &entity_member, &m, &d->nmember);
		store_member_clear(&m);
	}
	return ret;
}

/*
 * The fixed tables, each a kind of record: its card file, the rows of
 * its table, how row i fills a record the store has initialised, and
 * what the demo keeps of the record made (NULL: nothing).  add_kind is
 * the one loop that writes them, in fill's order.
 */
struct demo_kind {
	const struct entity	*ent;
	size_t			 n;
	void			(*fill)(struct demo *, size_t, void *);
	int			(*made)(struct demo *, size_t, void *);
	size_t			 count;	/* offsetof the struct demo counter */
};

static const struct demo_kind kind_companies = {
	.ent = &entity_company, .n = NCOMPANIES, .fill = fill_company,
	.made = made_company, .count = offsetof(struct demo, ncompany),
};
static const struct demo_kind kind_contacts = {
	.ent = &entity_contact, .n = NCOMPANIES * PEOPLE, .fill = fill_person,
	.made = made_person, .count = offsetof(struct demo, ncontact),
};
static const struct demo_kind kind_deals = {
	.ent = &entity_deal, .n = NELEM(deals), .fill = fill_deal,
	.made = made_deal, .count = offsetof(struct demo, ndeal),
};
static const struct demo_kind kind_tasks = {
	.ent = &entity_task, .n = NELEM(tasks), .fill = fill_task,
	.count = offsetof(struct demo, ntask),
};
static const struct demo_kind kind_notes = {
	.ent = &entity_note, .n = NELEM(notes), .fill = fill_note,
	.count = offsetof(struct demo, nnote),
};
static const struct demo_kind kind_links = {
	.ent = &entity_link, .n = NELEM(links), .fill = fill_link,
	.count = offsetof(struct demo, nlink),
};
static const struct demo_kind kind_programs = {
	.ent = &entity_program, .n = NELEM(programs), .fill = fill_program,
	.made = made_program, .count = offsetof(struct demo, nprogram),
};

static int
add_kind(struct demo *d, const struct demo_kind *k)
{
	void *rec = xmalloc(k->ent->size);
	size_t i;
	int ret = SO_OK;

	for (i = 0; ret == SO_OK && i < k->n; i++) {
		rec_init(k->ent, rec);
		k->fill(d, i, rec);
		ret = put(d, k->ent, rec, (int *)((char *)d + k->count));
		if (ret == SO_OK && k->made)
			ret = k->made(d, i, rec);
		rec_clear(k->ent, rec);
	}
	free(rec);
	return ret;
}

static int
fill(struct demo *d)
{
	int ret;

	if ((ret = check_empty(d)) != SO_OK ||
	    (ret = lookups(d)) != SO_OK ||
	    (ret = add_kind(d, &kind_companies)) != SO_OK ||
	    (ret = add_kind(d, &kind_contacts)) != SO_OK ||
	    (ret = add_kind(d, &kind_deals)) != SO_OK ||
	    (ret = add_planned(d)) != SO_OK ||
	    (ret = add_history(d)) != SO_OK ||
	    (ret = add_kind(d, &kind_tasks)) != SO_OK ||
	    (ret = add_kind(d, &kind_notes)) != SO_OK ||
	    (ret = add_kind(d, &kind_links)) != SO_OK ||
	    (ret = add_payments(d)) != SO_OK ||
	    (ret = add_kind(d, &kind_programs)) != SO_OK)
		return ret;
	/* Rank every month, so the lists show their VIPs from the start. */
	return abc_recompute(d->db, NULL, NULL, d->err);
}

static int
cli_demo(struct cli *cli, int argc, char **argv)
{
	struct so_err err = { 0 };
	struct demo *d;
	struct db *db;
	int ret, rc;

	(void)argv;
	if (argc != 1)
		return cli_usage("demo");
	if ((rc = cli_open(cli, 1, 0, &db)) != 0)
		return rc;
	d = xcalloc(1, sizeof(*d));
	d->db = db;
	d->err = &err;
	d->rng = 0x5a1e50e6d3b0c0deULL;
	d->now = db_now(db);
	d->today = dt_day_start(d->now);
	if ((ret = db_begin(db, &err)) == SO_OK) {
		if ((ret = fill(d)) != SO_OK)
			db_rollback(db);
		else
			ret = db_commit(db, &err);
	}
	if (ret == SO_OK) {
		/* TRANSLATORS: what the demo made, a count of each. */
		printf(_("%s: %d companies, %d contacts, %d events, %d tasks, "
		    "%d notes, %d links, %d deals, %d payments, %d programs "
		    "(%d members)"), db_path(db), d->ncompany, d->ncontact,
		    d->nevent, d->ntask, d->nnote, d->nlink, d->ndeal,
		    d->npayment, d->nprogram, d->nmember);
		putchar('\n');
		rc = 0;
	} else
		rc = cli_fail(&err);
	free(d);
	db_close(db);
	return rc;
}

/* ---- the entry (src/cli/commands.c lists it) ---- */

const struct command command_demo = {
	.name = "demo",
	.operands = "",
	.summary = N_("fill the database with demonstration data"),
	.acl = {
		.manager = CLI_REACH(ACL_WRITE, 0, 0, 0),
		.head = CLI_REACH(ACL_WRITE, 0, 0, 0),
		.admin = CLI_REACH(ACL_WRITE, 0, 0, 0),
	},
	.access = N_("any user, on a database without companies (a new one "
	    "is created, whoever makes it its administrator); every record "
	    "it writes is theirs"),
	.run = cli_demo,
};
