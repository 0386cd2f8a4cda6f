/*
 * so-gen: fills a database made by `salesorg init` with a sales
 * department at scale, for the benchmarks (bench/run), and writes the
 * same calendar as a calcurse data directory so that both programs are
 * timed on identical work.
 *
 *	so-gen [--seed N] [--scale small|F] [--today YYYY-MM-DD]
 *	    [--set KIND=N]... [--calcurse DIR [--calcurse-all]] DB
 *
 * At scale 1: 20 managers, 100 000 companies, 300 000 contacts,
 * 1 000 000 events over three years (two behind today, one ahead),
 * 200 000 tasks, 100 000 notes, 50 000 deals, 300 000 payments (three
 * years up to today, the ABC ranking's benchmark) and 20 000 links;
 * then 20 product groups, 200 products and about 100 000 deal lines.
 * --scale small is 1/100 of that; --set events=100000
 * (or companies, contacts, tasks, notes, deals, payments, links,
 * managers) sets one count.
 *
 * Why it is built this way:
 *
 *  - It writes with plain INSERTs on the sqlite3 API, not through the
 *    store: the store's audit and validation would double the time of a
 *    million rows and are not what is being measured.  The schema is the
 *    program's own (init made it).  The search index is real but built
 *    in one pass at the end (FTS5 'rebuild' from the same views the
 *    triggers read), which is several times faster than a million
 *    trigger firings; the insert triggers are dropped meanwhile and put
 *    back as they were, and `salesorg check` finds the index whole.
 *  - Output is a function of the seed, the scale and --today only (an
 *    xorshift generator, fixed tables): two runs give the same file, and
 *    the runner can predict which name is on which row.
 *  - Rows are written in the order a department makes them: events and
 *    tasks day by day, so ids follow time, while names are in random
 *    order against ids, as in a real card file (walking the name index
 *    reads pages out of order).
 *  - The first user of the database (who ran init) is manager 0; the
 *    benchmarks time the agenda and the TUI as that person.  Past events
 *    are done or cancelled except a few from the last two weeks, which
 *    are overdue; events from today on are planned.
 *  - calcurse gets manager 0's appointments and tasks (a calcurse data
 *    directory is one person's), or everyone's with --calcurse-all, in
 *    local time (set TZ for both programs alike).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define PICK(a)		((a)[rnd(NELEM(a))])
#define DAYS_BACK	730
#define DAYS_AHEAD	365
#define PAY_DAYS_BACK	1095	/* payments: three years up to today */
#define DATE		"%Y-%m-%d"
#define CALCURSE_TIME	"%m/%d/%Y @ %H:%M"

enum kind { K_MANAGERS, K_COMPANIES, K_CONTACTS, K_EVENTS, K_TASKS,
	K_NOTES, K_DEALS, K_PAYMENTS, K_LINKS, NKINDS };

static const char *const kind_names[NKINDS] = { "managers", "companies",
	"contacts", "events", "tasks", "notes", "deals", "payments", "links" };
static const long full_scale[NKINDS] = { 20, 100000, 300000, 1000000,
	200000, 100000, 50000, 300000, 20000 };

static sqlite3 *db;
static uint64_t rs;
static long count[NKINDS];
static int64_t *user_id;		/* per manager */
static int64_t *deal_company;		/* per deal, 1-based */
static time_t *day;			/* local midnights of the window */
static int ndays, today_ix;
static FILE *apts, *todo;
static int calcurse_all;

/* ---- fixed tables ---- */

static const char *const surname_m[] = { "Иванов", "Смирнов", "Кузнецов",
	"Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
	"Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов",
	"Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов",
	"Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
	"Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев",
	"Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев",
	"Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов",
	"Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков",
	"Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов",
	"Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков",
	"Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников",
	"Денисов", "Гаврилов", "Тихонов", "Казаков", "Афанасьев", "Данилов",
	"Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов", "Мартынов",
	"Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев",
	"Чернышёв", "Быков", "Маслов", "Родионов", "Коновалов", "Лазарев",
	"Воронин", "Климов", "Филатов", "Пономарёв", "Голубев", "Кудрявцев",
	"Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников", "Трофимов",
	"Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов",
	"Никифоров", "Грачёв", "Котов", "Гришин", "Ефремов", "Архипов",
	"Громов", "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев" };
static const char *const surname_en[] = { "Smith", "Jones", "Taylor",
	"Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
	"Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
	"Hall", "Wood", "Jackson", "Clarke", "Müller", "Schmidt", "Schneider",
	"Fischer", "Weber" };
static const char *const first_m[] = { "Александр", "Сергей", "Дмитрий",
	"Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил", "Артём",
	"Николай", "Владимир", "Павел", "Олег", "Игорь", "Роман", "Виктор",
	"Юрий", "Константин", "Денис", "Георгий", "Тимур", "Ильдар", "Рустам" };
static const char *const first_f[] = { "Елена", "Ольга", "Наталья",
	"Татьяна", "Ирина", "Анна", "Мария", "Светлана", "Екатерина",
	"Юлия", "Марина", "Анастасия", "Людмила", "Галина", "Дарья",
	"Алсу", "Гульнара", "Лилия", "Ксения", "Вера" };
static const char *const first_en[] = { "James", "Oliver", "Emma",
	"Sophie", "Thomas", "Charlotte", "Daniel", "Hannah", "Peter", "Lena" };
static const char *const patronymic_m[] = { "Александрович", "Сергеевич",
	"Иванович", "Петрович", "Николаевич", "Владимирович", "Михайлович",
	"Юрьевич", "Викторович", "Андреевич" };
static const char *const patronymic_f[] = { "Александровна", "Сергеевна",
	"Ивановна", "Петровна", "Николаевна", "Владимировна", "Михайловна",
	"Юрьевна", "Викторовна", "Андреевна" };
/* Latin spellings for logins and e-mail addresses. */
static const char *const latin[] = { "ivanov", "smirnov", "kuznetsov",
	"popov", "vasiliev", "petrov", "sokolov", "mikhailov", "novikov",
	"fedorov", "morozov", "volkov", "alekseev", "lebedev", "semenov",
	"egorov", "pavlov", "kozlov", "stepanov", "nikolaev" };

static const char *const word1[] = { "Северная", "Волжская", "Уральская",
	"Сибирская", "Первая", "Центральная", "Объединённая", "Торговая",
	"Промышленная", "Южная", "Казанская", "Невская", "Балтийская",
	"Строительная", "Техническая", "Региональная" };
static const char *const word2[] = { "компания", "группа", "сеть",
	"мануфактура", "логистика", "энергетика", "лаборатория", "сталь",
	"поставка", "упаковка", "механика", "электроника", "мебель",
	"фармация", "агроторговля", "инженерия" };
static const char *const brand[] = { "Ромашка", "Вектор", "Альфа",
	"Гранит", "Меридиан", "Восход", "Технопарк", "Спектр", "Кристалл",
	"Импульс", "Орион", "Сфера", "Престиж", "Магистраль", "Квант",
	"Горизонт", "Эталон", "Союз", "Атлант", "Стандарт", "Полюс", "Заря" };
static const char *const brand_en[] = { "Northwind", "Oakridge", "Acme",
	"Bluewater", "Kingsbridge", "Redwood", "Silverline", "Hartmann",
	"Brightstone", "Lakeside" };
static const char *const suffix_en[] = { "Trading Ltd", "Systems GmbH",
	"Logistics plc", "Components Ltd", "Industries AG" };

static const struct city {
	const char	*name, *code, *street;
} cities[] = {
	{ "Москва", "495", "ул. Тверская" },
	{ "Москва", "499", "Ленинский пр-т" },
	{ "Санкт-Петербург", "812", "Невский пр-т" },
	{ "Казань", "843", "ул. Баумана" },
	{ "Казань", "843", "пр-т Победы" },
	{ "Новосибирск", "383", "Красный пр-т" },
	{ "Екатеринбург", "343", "ул. Малышева" },
	{ "Нижний Новгород", "831", "ул. Большая Покровская" },
	{ "Самара", "846", "ул. Куйбышева" },
	{ "Уфа", "347", "ул. Ленина" },
	{ "Набережные Челны", "855", "пр-т Мира" },
	{ "Краснодар", "861", "ул. Красная" },
	{ "Пермь", "342", "Комсомольский пр-т" },
	{ "Воронеж", "473", "пр-т Революции" },
	{ "Ростов-на-Дону", "863", "Будённовский пр-т" },
	{ "London", "20", "Baker Street" },
	{ "Hamburg", "40", "Mönckebergstraße" },
};
static const char *const industries[] = { "Оптовая торговля",
	"Строительство", "Машиностроение", "Пищевая промышленность",
	"Нефтесервис", "Логистика", "Розничная торговля", "IT", "Медицина",
	"Сельское хозяйство", "Manufacturing", "Wholesale" };
static const char *const sources[] = { "холодный звонок", "выставка",
	"рекомендация", "сайт", "тендер", "cold call", "referral" };
static const char *const positions[] = { "Генеральный директор",
	"Коммерческий директор", "Директор по закупкам",
	"Менеджер по закупкам", "Главный бухгалтер", "Главный инженер",
	"Руководитель отдела снабжения", "Секретарь", "Office manager" };
static const char *const roles[] = { "decision_maker", "decision_maker",
	"influencer", "user", "user", "user", "gatekeeper", "gatekeeper",
	"other" };
static const char *const call_subjects[] = { "Уточнить потребность",
	"Напомнить о коммерческом предложении", "Согласовать условия поставки",
	"Договориться о встрече", "Выяснить, кто принимает решение",
	"Обсудить счёт и сроки оплаты", "Поздравить с праздником",
	"Follow-up on the quote", "Check delivery dates" };
static const char *const meeting_subjects[] = { "Презентация продукции",
	"Переговоры по договору", "Встреча в офисе клиента",
	"Демонстрация образцов", "Подписание договора", "Product demo" };
static const char *const mail_subjects[] = { "Отправить КП",
	"Выслать каталог и прайс-лист", "Отправить проект договора",
	"Send the revised quote" };
static const char *const task_titles[] = { "Подготовить КП",
	"Выставить счёт", "Отправить договор на подпись",
	"Согласовать скидку с руководителем", "Отправить каталог",
	"Проверить оплату", "Send the price list", "Prepare the contract" };
static const char *const note_words[] = { "клиент", "просил",
	"перезвонить", "после", "совещания", "бюджет", "утверждён", "на",
	"следующий", "квартал", "интересует", "поставка", "оптом", "скидка",
	"доставка", "за", "наш", "счёт", "конкурент", "предлагает", "цену",
	"ниже", "решение", "принимает", "директор", "в", "отпуске", "до",
	"понедельника", "the", "client", "asked", "for", "a", "quote" };
static const char *const comments[] = { "Не дозвонился, перезвонить",
	"Секретарь не соединяет", "Просили прислать КП на почту",
	"Договорились о встрече", "Счёт выставлен",
	"Решение после совещания в пятницу", "Left a voicemail" };
static const char *const lost_reasons[] = { "дорого", "выбрали конкурента",
	"нет бюджета", "проект отложен" };

/* ---- helpers ---- */

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("so-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL)
		die("out of memory");
	return p;
}

/* xorshift64*: fast, and the same sequence on every machine. */
static uint64_t
next(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 2685821657736338717ULL;
}

static long
rnd(size_t n)
{
	return (long)(next() % n);
}

static int
chance(int percent)
{
	return rnd(100) < percent;
}

static void
check(int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		die("%s: %s", what, sqlite3_errmsg(db));
}

static void
exec(const char *sql)
{
	check(sqlite3_exec(db, sql, NULL, NULL, NULL), sql);
}

static sqlite3_stmt *
prep(const char *sql)
{
	sqlite3_stmt *st;

	check(sqlite3_prepare_v2(db, sql, -1, &st, NULL), sql);
	return st;
}

/* Binds the arguments (a format: t text, i int64, n null, d int64 or
 * null when 0) to st, runs it, resets it, returns the new rowid. */
static int64_t
put(sqlite3_stmt *st, const char *fmt, ...)
{
	va_list ap;
	int i;
	int64_t v;

	va_start(ap, fmt);
	for (i = 1; *fmt; fmt++, i++)
		switch (*fmt) {
		case 't':
			sqlite3_bind_text(st, i, va_arg(ap, const char *), -1,
			    SQLITE_TRANSIENT);
			break;
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'd':
			if ((v = va_arg(ap, int64_t)) != 0)
				sqlite3_bind_int64(st, i, v);
			else
				sqlite3_bind_null(st, i);
			break;
		default:
			sqlite3_bind_null(st, i);
		}
	va_end(ap);
	check(sqlite3_step(st), sqlite3_sql(st));
	sqlite3_reset(st);
	return sqlite3_last_insert_rowid(db);
}

static int64_t
scalar(const char *sql)
{
	sqlite3_stmt *st = prep(sql);
	int64_t v;

	check(sqlite3_step(st), sql);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int64_t
code_id(const char *table, const char *code)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE code = '%s'",
	    table, code);
	return scalar(sql);
}

static void
progress(const char *what)
{
	fprintf(stderr, "so-gen: %s\n", what);
}

/* Contact j of company c (both 1-based): contacts are dealt out to the
 * companies in turn, so company c has contacts c, c + C, c + 2C ... */
static int64_t
contact_of(int64_t company)
{
	long per;
	int64_t c;

	if (count[K_CONTACTS] == 0 || company == 0)
		return 0;
	per = count[K_CONTACTS] / count[K_COMPANIES];
	c = company + count[K_COMPANIES] * rnd((size_t)(per > 0 ? per : 1));
	return c <= count[K_CONTACTS] ? c : 0;
}

/* A company of manager m: companies are dealt out to managers in turn. */
static int64_t
company_of(long m)
{
	long per = count[K_COMPANIES] / count[K_MANAGERS];
	int64_t c;

	if (count[K_COMPANIES] == 0)
		return 0;
	c = 1 + m + count[K_MANAGERS] * rnd((size_t)(per > 0 ? per : 1));
	return c <= count[K_COMPANIES] ? c : 1 + rnd((size_t)count[K_COMPANIES]);
}

/* A 7-digit number unique per n < 10^7 (7919 is prime to 10). */
static void
phone(char *buf, size_t size, const char *code, int64_t n, int mul)
{
	long d = (long)((n * mul) % 10000000);

	snprintf(buf, size, "+7 %s %03ld-%02ld-%02ld", code, d / 10000,
	    d / 100 % 100, d % 100);
}

/* t in local time, as fmt says: DATE for a date field, CALCURSE_TIME as
 * calcurse writes an appointment. */
static void
local_time(char *buf, size_t size, const char *fmt, time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, fmt, &tm);
}

static int
weekday(int d)
{
	struct tm tm;

	localtime_r(&day[d], &tm);
	return tm.tm_wday != 0 && tm.tm_wday != 6;
}

/* ---- the card files ---- */

static void
gen_users(void)
{
	sqlite3_stmt *st;
	long m;
	char login[32], name[128];

	user_id = xcalloc((size_t)count[K_MANAGERS], sizeof(*user_id));
	user_id[0] = scalar("SELECT min(id) FROM users");
	if (user_id[0] == 0)
		die("the database has no users: run salesorg init first");
	st = prep("INSERT INTO users (login, full_name, role, created_at) "
	    "VALUES (?, ?, ?, 0)");
	for (m = 1; m < count[K_MANAGERS]; m++) {
		snprintf(login, sizeof(login), "%s%ld", latin[m % NELEM(latin)],
		    m);
		snprintf(name, sizeof(name), "%s%s %s", surname_m[m %
		    NELEM(surname_m)], m % 2 ? "а" : "", m % 2 ?
		    first_f[m % NELEM(first_f)] : first_m[m % NELEM(first_m)]);
		user_id[m] = put(st, "ttt", login, name, m == 1 ? "head" :
		    "manager");
	}
	sqlite3_finalize(st);
}

static void
gen_companies(void)
{
	sqlite3_stmt *st;
	long i;
	const struct city *c;
	char name[160], legal[320], ph[40], mail[96], web[80], addr[160];
	const char *cat, *status;
	int r;

	progress("companies");
	st = prep("INSERT INTO companies (name, legal_name, category, status, "
	    "industry, city, address, phone, email, website, source, "
	    "manager_id, comment, created_at, updated_at, created_by) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	for (i = 1; i <= count[K_COMPANIES]; i++) {
		c = &cities[rnd(NELEM(cities))];
		r = (int)rnd(10);
		if (c->code[0] == '2' || c->code[0] == '4' || r == 0) {
			snprintf(name, sizeof(name), "%s %s %ld",
			    PICK(brand_en), PICK(suffix_en), i);
			snprintf(legal, sizeof(legal), "%s", name);
			snprintf(web, sizeof(web), "%s%ld.co.uk",
			    latin[rnd(NELEM(latin))], i);
		} else if (r < 3) {
			snprintf(name, sizeof(name), "ИП %s %ld",
			    PICK(surname_m), i);
			snprintf(legal, sizeof(legal), "Индивидуальный "
			    "предприниматель %s", name + 5);
			web[0] = '\0';
		} else {
			snprintf(name, sizeof(name), "%s «%s-%ld»",
			    r < 8 ? "ООО" : "АО", PICK(brand), i);
			snprintf(legal, sizeof(legal), "%s «%s %s %s»",
			    r < 8 ? "Общество с ограниченной ответственностью" :
			    "Акционерное общество", PICK(word1), PICK(word2),
			    PICK(brand));
			snprintf(web, sizeof(web), "%s-%ld.ru",
			    latin[rnd(NELEM(latin))], i);
		}
		phone(ph, sizeof(ph), c->code, i, 3301);
		snprintf(mail, sizeof(mail), "info@%s", web[0] ? web :
		    "mail.ru");
		snprintf(addr, sizeof(addr), "%s, д. %ld", c->street,
		    1 + rnd(120));
		r = (int)rnd(100);
		cat = r < 10 ? "VIP" : r < 30 ? "good" : r < 70 ? "regular" :
		    "";
		r = (int)rnd(100);
		status = r < 40 ? "lead" : r < 60 ? "prospect" : r < 80 ?
		    "customer" : r < 92 ? "regular" : "lost";
		put(st, "tttttttttttitiii", name, legal, cat, status,
		    PICK(industries), c->name, addr, ph, mail, web,
		    PICK(sources), user_id[(i - 1) % count[K_MANAGERS]],
		    chance(10) ? PICK(comments) : "",
		    (int64_t)day[rnd((size_t)today_ix + 1)],
		    (int64_t)day[today_ix], user_id[0]);
	}
	sqlite3_finalize(st);
}

static void
gen_contacts(void)
{
	sqlite3_stmt *st;
	long i, company;
	int f, en;
	char last[80], ph[40], mob[40], mail[96];
	const char *first, *middle;

	progress("contacts");
	st = prep("INSERT INTO contacts (last_name, first_name, middle_name, "
	    "company_id, position, role, phone_work, phone_mobile, email, "
	    "birthday, source, manager_id, created_at, updated_at, "
	    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	for (i = 1; i <= count[K_CONTACTS]; i++) {
		company = count[K_COMPANIES] ? 1 + (i - 1) %
		    count[K_COMPANIES] : 0;
		f = chance(45);
		en = chance(8);
		if (en) {
			snprintf(last, sizeof(last), "%s", PICK(surname_en));
			first = PICK(first_en);
			middle = "";
		} else {
			snprintf(last, sizeof(last), "%s%s", PICK(surname_m),
			    f ? "а" : "");
			first = f ? PICK(first_f) : PICK(first_m);
			middle = f ? PICK(patronymic_f) : PICK(patronymic_m);
		}
		phone(ph, sizeof(ph), cities[i % NELEM(cities)].code, i, 7919);
		phone(mob, sizeof(mob), "9" "17", i, 9901);
		snprintf(mail, sizeof(mail), "%s.%ld@%s",
		    latin[rnd(NELEM(latin))], i, chance(50) ? "mail.ru" :
		    "yandex.ru");
		char bday[40] = "";
		if (chance(30))
			snprintf(bday, sizeof(bday), "%04d-%02d-%02d",
			    1960 + (int)rnd(40), 1 + (int)rnd(12),
			    1 + (int)rnd(28));
		put(st, "tttdtttttttiiii", last, first, middle,
		    (int64_t)company, PICK(positions), PICK(roles), ph,
		    chance(60) ? mob : "", mail, bday, PICK(sources),
		    user_id[(company ? company - 1 : i) % count[K_MANAGERS]],
		    (int64_t)day[rnd((size_t)today_ix + 1)],
		    (int64_t)day[today_ix], user_id[0]);
	}
	sqlite3_finalize(st);
}


static void
company_name(sqlite3_stmt *st, int64_t company, char *buf, size_t size)
{
	buf[0] = '\0';
	sqlite3_bind_int64(st, 1, company);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, size, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

static void
gen_events(void)
{
	static const char *const tcodes[5] = { "call", "meeting", "email",
		"letter", "other" };
	static const char *const rcodes[8] = { "reached_dm", "proposal_sent",
		"meeting_set", "callback", "no_answer", "refused",
		"invoice_issued", "held" };
	sqlite3_stmt *st, *cn;
	int64_t type[5], result[8], company, contact, start, end, res;
	long e, per, left, k, m;
	int d, nwork = 0, r, t, series;
	const char *status, *subject;
	char uid[48], s1[40], s2[40], cname[160];

	progress("events");
	for (t = 0; t < 5; t++)
		type[t] = code_id("event_types", tcodes[t]);
	for (t = 0; t < 8; t++)
		result[t] = code_id("event_results", rcodes[t]);
	for (d = 0; d < ndays; d++)
		nwork += weekday(d);
	st = prep("INSERT INTO events (type_id, subject, start_at, end_at, "
	    "rrule, remind_min, assignee_id, company_id, contact_id, status, "
	    "result_id, result_comment, uid, created_at, updated_at, "
	    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?)");
	cn = prep("SELECT name FROM companies WHERE id = ?");
	e = 0;
	left = nwork;
	for (d = 0; d < ndays && e < count[K_EVENTS]; d++) {
		if (!weekday(d))
			continue;
		/* What is left, spread evenly over the working days left. */
		per = (count[K_EVENTS] - e + left - 1) / left;
		left--;
		for (k = 0; k < per; k++, e++) {
			m = e % count[K_MANAGERS];
			r = (int)rnd(100);
			t = r < 70 ? 0 : r < 80 ? 1 : r < 95 ? 2 : r < 98 ? 3 :
			    4;
			start = (int64_t)day[d] + 9 * 3600 + 300 * rnd(108);
			/* Letters and e-mails take no time: no end. */
			end = t == 0 ? start + 600 : t == 1 ? start + 3600 : 0;
			company = company_of(m);
			contact = contact_of(company);
			subject = t == 1 ? PICK(meeting_subjects) : t == 2 ?
			    PICK(mail_subjects) : PICK(call_subjects);
			res = 0;
			if (d < today_ix - 14)
				status = chance(95) ? "done" : "cancelled";
			else if (d < today_ix)
				status = chance(85) ? "done" : "planned";
			else
				status = "planned";
			if (strcmp(status, "done") == 0)
				res = result[t == 1 ? 7 : rnd(7)];
			/* One in 2000 is a weekly series with a reminder. */
			series = e % 2000 == 1999;
			snprintf(uid, sizeof(uid), "gen-%07ld@salesorg.bench",
			    e + 1);
			put(st, "itidtdiddtdttiii", type[t], subject, start,
			    end, series ? "FREQ=WEEKLY" : "",
			    (int64_t)(series ? 15 : 0), user_id[m], company,
			    contact, status, res, res && chance(20) ?
			    PICK(comments) : "", uid, start - 86400, start,
			    user_id[m]);
			if (apts == NULL || !(calcurse_all || m == 0))
				continue;
			company_name(cn, company, cname, sizeof(cname));
			local_time(s1, sizeof(s1), CALCURSE_TIME,
			    (time_t)start);
			local_time(s2, sizeof(s2), CALCURSE_TIME,
			    (time_t)(end ? end : start));
			fprintf(apts, "%s -> %s %s|%s%s%s\n", s1, s2,
			    series ? "{1W} " : "", subject, cname[0] ? " — " :
			    "", cname);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(cn);
}

static void
gen_tasks(void)
{
	sqlite3_stmt *st, *cn;
	int64_t company, due;
	long i, m;
	int d, r;
	const char *status, *prio;
	char cname[160], uid[48];

	progress("tasks");
	st = prep("INSERT INTO tasks (title, description, due_at, priority, "
	    "status, assignee_id, company_id, contact_id, uid, created_at, "
	    "updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?)");
	cn = prep("SELECT name FROM companies WHERE id = ?");
	for (i = 0; i < count[K_TASKS]; i++) {
		/* In time order, like the events. */
		d = (int)((int64_t)i * ndays / count[K_TASKS]);
		m = i % count[K_MANAGERS];
		due = (int64_t)day[d] + 18 * 3600;
		company = company_of(m);
		r = (int)rnd(100);
		prio = r < 20 ? "high" : r < 85 ? "normal" : "low";
		if (d < today_ix - 30)
			status = chance(95) ? "done" : "cancelled";
		else if (d < today_ix)
			status = chance(70) ? "done" : "open";
		else
			status = "open";
		snprintf(uid, sizeof(uid), "gen-task-%07ld@salesorg.bench",
		    i + 1);
		put(st, "ttittiddtiii", PICK(task_titles), chance(30) ?
		    PICK(comments) : "", due, prio, status, user_id[m],
		    company, contact_of(company), uid, due - 7 * 86400, due,
		    user_id[m]);
		if (todo == NULL || !(calcurse_all || m == 0))
			continue;
		company_name(cn, company, cname, sizeof(cname));
		fprintf(todo, "[%s%d] %s%s%s\n", strcmp(status, "open") ? "-" :
		    "", prio[0] == 'h' ? 1 : prio[0] == 'n' ? 5 : 9,
		    PICK(task_titles), cname[0] ? " — " : "", cname);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(cn);
}

static void
gen_notes(void)
{
	sqlite3_stmt *st;
	long i, n, w;
	int64_t company, t;
	char title[128], body[2048];
	size_t len;

	progress("notes");
	st = prep("INSERT INTO notes (title, body, company_id, contact_id, "
	    "created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
	for (i = 0; i < count[K_NOTES]; i++) {
		company = company_of(i % count[K_MANAGERS]);
		n = 10 + rnd(60);
		len = 0;
		body[0] = '\0';
		for (w = 0; w < n && len + 64 < sizeof(body); w++)
			len += (size_t)snprintf(body + len, sizeof(body) - len,
			    "%s%s", w ? " " : "", PICK(note_words));
		snprintf(title, sizeof(title), "%s", PICK(comments));
		t = (int64_t)day[(int64_t)i * (today_ix + 1) / count[K_NOTES]] +
		    10 * 3600;
		put(st, "ttddiii", title, body, company, contact_of(company), t,
		    t, user_id[i % count[K_MANAGERS]]);
	}
	sqlite3_finalize(st);
}

static void
gen_deals(void)
{
	static const char *const scodes[6] = { "first_contact", "need_found",
		"proposal_sent", "negotiation", "won", "lost" };
	static const char *const goods[] = { "оборудования", "запчастей",
		"упаковки", "металлопроката", "мебели", "software licences" };
	sqlite3_stmt *st;
	int64_t stage[6], company, t;
	long i;
	int r, s;
	char title[128], close[16], closed[16];

	progress("deals");
	for (s = 0; s < 6; s++)
		stage[s] = code_id("deal_stages", scodes[s]);
	deal_company = xcalloc((size_t)count[K_DEALS] + 1,
	    sizeof(*deal_company));
	st = prep("INSERT INTO deals (title, company_id, contact_id, stage_id, "
	    "amount, quantity, expected_close, closed_on, terms, manager_id, "
	    "lost_reason, created_at, updated_at, created_by) VALUES (?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	for (i = 1; i <= count[K_DEALS]; i++) {
		company = count[K_COMPANIES] ? 1 + rnd((size_t)
		    count[K_COMPANIES]) : 0;
		deal_company[i] = company;
		r = (int)rnd(100);
		s = r < 15 ? 0 : r < 30 ? 1 : r < 45 ? 2 : r < 55 ? 3 : r < 85 ?
		    4 : 5;
		snprintf(title, sizeof(title), "Поставка %s, %ld шт.",
		    PICK(goods), 1 + rnd(100));
		t = (int64_t)day[(int64_t)(i - 1) * (today_ix + 1) /
		    count[K_DEALS]];
		local_time(close, sizeof(close), DATE, (time_t)(t + 86400 *
		    (14 + rnd(60))));
		if (s >= 4)
			local_time(closed, sizeof(closed), DATE, (time_t)(t +
			    86400 * (7 + rnd(30))));
		else
			closed[0] = '\0';
		put(st, "tddiiitttitiii", title, company, contact_of(company),
		    stage[s], (int64_t)(10000 + rnd(5000000)) * 100,
		    (int64_t)(1 + rnd(100)), close, closed, chance(30) ?
		    "предоплата 50%" : "", user_id[company ? (company - 1) %
		    count[K_MANAGERS] : 0], s == 5 ? PICK(lost_reasons) : "",
		    t, t, user_id[0]);
	}
	sqlite3_finalize(st);
}

static void
gen_payments(void)
{
	sqlite3_stmt *st;
	int64_t deal, t, d;
	long i;
	char paid[16], doc[32];

	progress("payments");
	st = prep("INSERT INTO payments (company_id, deal_id, amount, paid_on, "
	    "document, created_at, updated_at, created_by) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, ?)");
	for (i = 0; i < count[K_PAYMENTS]; i++) {
		deal = count[K_DEALS] ? 1 + rnd((size_t)count[K_DEALS]) : 0;
		/* Evenly over the three years up to today; before the
		 * window, whole days back from its first noon (a DST shift
		 * of an hour leaves noon on the same date). */
		d = today_ix - PAY_DAYS_BACK + (int64_t)i * (PAY_DAYS_BACK +
		    1) / count[K_PAYMENTS];
		t = (d >= 0 ? (int64_t)day[d] : (int64_t)day[0] + d * 86400) +
		    12 * 3600;
		local_time(paid, sizeof(paid), DATE, (time_t)t);
		snprintf(doc, sizeof(doc), "п/п № %ld", 1000 + i);
		put(st, "ddittiii", deal ? deal_company[deal] : (int64_t)(1 +
		    rnd((size_t)(count[K_COMPANIES] ? count[K_COMPANIES] :
		    1))), deal, (int64_t)(5000 + rnd(500000)) * 100, paid, doc,
		    t, t, user_id[0]);
	}
	sqlite3_finalize(st);
}

static void
gen_links(void)
{
	static const char *const kinds[] = { "site", "price list", "tender",
		"map" };
	sqlite3_stmt *st;
	long i;
	int64_t company;
	char url[96], title[160];

	progress("links");
	st = prep("INSERT INTO links (url, title, kind, company_id, "
	    "created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
	for (i = 1; i <= count[K_LINKS]; i++) {
		company = count[K_COMPANIES] ? 1 + rnd((size_t)
		    count[K_COMPANIES]) : 0;
		snprintf(url, sizeof(url), "https://docs.example.ru/%ld", i);
		snprintf(title, sizeof(title), "%s %ld", chance(50) ?
		    "Прайс-лист" : "Тендерная документация", i);
		put(st, "tttdiii", url, title, PICK(kinds), company,
		    (int64_t)day[0], (int64_t)day[0], user_id[0]);
	}
	sqlite3_finalize(st);
}

/* ---- the analytics' history (issue 27) ---- */

/*
 * What the funnel and the plan report read: the audit rows a department
 * using the store would have left -- each deal's and company's create
 * row, then its moves along the path up to where the tables above left
 * it -- and the plans of the current year.  It runs last, on a random
 * stream of its own, so it changed no row of the tables above.
 */

/* An audit row to be: written in time order once all are made, as a
 * department appends them (the funnel reads them by time; rows in
 * record order would scatter its reads over the whole table). */
struct arow {
	int64_t		 at, user, id, seq;
	const char	*entity, *field, *old, *new;
};
static struct arow *arows;
static size_t narows, carows;

static void
arow_add(int64_t at, int64_t user, const char *entity, int64_t id,
    const char *field, const char *old, const char *new)
{
	struct arow *r;

	if (narows == carows) {
		carows = carows ? carows * 2 : 65536;
		if ((arows = realloc(arows, carows * sizeof(*arows))) == NULL)
			die("out of memory");
	}
	r = &arows[narows];
	r->at = at;
	r->user = user;
	r->entity = entity;
	r->id = id;
	r->field = field;
	r->old = old;
	r->new = new;
	r->seq = (int64_t)narows++;
}

static int
arow_cmp(const void *a, const void *b)
{
	const struct arow *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A "YYYY-MM-DD" date at local noon. */
static int64_t
noon_of(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || sscanf(s, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/*
 * The n moves of one record along path[0..n] (values as the audit log
 * keeps them), spread from t0 to t1 (the last one at t1 when last_at_end,
 * as a deal closes on its closed_on), after its create row at t0.
 */
static void
moves(const char *entity, const char *field, int64_t id,
    int64_t user, int64_t t0, int64_t t1, const char *const *path, int n,
    int last_at_end)
{
	int64_t at = t0, slot;
	int j;

	arow_add(t0, user, entity, id, NULL, NULL, NULL);
	if (t1 < t0)
		t1 = t0;
	slot = (t1 - t0) / (n > 0 ? n : 1);
	for (j = 0; j < n; j++) {
		int64_t next = t0 + slot * j + (slot > 0 ? rnd((size_t)slot) :
		    0);

		if (last_at_end && j == n - 1)
			next = t1;
		at = next > at ? next : at;
		arow_add(at, user, entity, id, field, path[j], path[j + 1]);
	}
}

static void
gen_history(void)
{
	static const char *const scodes[6] = { "first_contact", "need_found",
		"proposal_sent", "negotiation", "won", "lost" };
	static const char *const statuses[5] = { "lead", "prospect",
		"customer", "regular", "lost" };
	sqlite3_stmt *st, *rd;
	const char *path[8];
	char stage[6][24];
	int64_t limit = (int64_t)day[today_ix], t0, t1;
	size_t i;
	int s, k, n, j;

	progress("history");
	rs = 0x2545f4914f6cdd1dULL;
	for (s = 0; s < 6; s++)
		snprintf(stage[s], sizeof(stage[s]), "%lld",
		    (long long)code_id("deal_stages", scodes[s]));
	st = prep("INSERT INTO audit_log (at, user_id, entity, record_id, "
	    "action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, "
	    "?, ?)");
	/* Deals start at the first stage and move up one at a time (one in
	 * five skipping the need's stage) to their stage now; a lost deal
	 * gets lost from some stage on the way, a closed one on its
	 * closed_on; an open one has moved within two months of its
	 * start. */
	rd = prep("SELECT d.id, coalesce(d.manager_id, 0), d.created_at, "
	    "d.closed_on, s.code FROM deals d JOIN deal_stages s ON s.id = "
	    "d.stage_id ORDER BY d.id");
	while (sqlite3_step(rd) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(rd, 4);

		for (s = 0; s < 6 && strcmp(code, scodes[s]) != 0; s++)
			;
		if (s == 6)
			continue;
		t0 = sqlite3_column_int64(rd, 2);
		n = 0;
		path[n] = stage[0];
		k = s == 5 ? (int)rnd(4) : s;
		for (j = 1; j <= (k < 4 ? k : 3); j++)
			if (!(j == 1 && k > 1 && chance(20)))
				path[++n] = stage[j];
		if (s >= 4)
			path[++n] = stage[s];
		t1 = s >= 4 ? noon_of((const char *)sqlite3_column_text(rd, 3)) :
		    t0 + 86400 * (int64_t)(7 + rnd(54));
		if (t1 > limit)
			t1 = limit > t0 ? limit : t0;
		moves("deal", "stage_id", sqlite3_column_int64(rd, 0),
		    sqlite3_column_int64(rd, 1), t0, t1, path, n, s >= 4);
	}
	sqlite3_finalize(rd);
	/* Companies start as leads and move up the sales path to their
	 * status now within a year, a lost one from some step of it. */
	rd = prep("SELECT id, coalesce(manager_id, 0), created_at, status "
	    "FROM companies ORDER BY id");
	while (sqlite3_step(rd) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(rd, 3);

		for (s = 0; s < 5 && strcmp(status, statuses[s]) != 0; s++)
			;
		if (s == 5)
			continue;
		t0 = sqlite3_column_int64(rd, 2);
		k = s == 4 ? (int)rnd(3) : s;
		for (n = 0; n <= k; n++)
			path[n] = statuses[n];
		n = k;
		if (s == 4)
			path[++n] = statuses[4];
		t1 = t0 + 86400 * (int64_t)(30 + rnd(336));
		if (t1 > limit)
			t1 = limit > t0 ? limit : t0;
		moves("company", "status", sqlite3_column_int64(rd, 0),
		    sqlite3_column_int64(rd, 1), t0, t1, path, n, 0);
	}
	sqlite3_finalize(rd);
	qsort(arows, narows, sizeof(*arows), arow_cmp);
	for (i = 0; i < narows; i++)
		if (arows[i].field)
			put(st, "iititttt", arows[i].at, arows[i].user,
			    arows[i].entity, arows[i].id, "update",
			    arows[i].field, arows[i].old, arows[i].new);
		else
			put(st, "iititnnn", arows[i].at, arows[i].user,
			    arows[i].entity, arows[i].id, "create");
	sqlite3_finalize(st);
	free(arows);
}

/*
 * The plans of the current year, each month, quarter and the year, for
 * every manager and the team, of all four measures: near what the
 * generated department does (80-130 % of it per manager, the team's a
 * tenth over their sum), so some are met and some are not.
 */
static void
gen_plans(void)
{
	static const char *const measures[4] = { "payments", "won",
		"meetings", "calls" };
	sqlite3_stmt *st;
	struct tm tm;
	int64_t base[4], team[4][17], v;
	long m;
	int p, k, year, months;
	char key[16];

	if (scalar("SELECT count(*) FROM sqlite_master WHERE name = 'plans'")
	    == 0)
		return;
	progress("plans");
	localtime_r(&day[today_ix], &tm);
	year = tm.tm_year + 1900;
	/* A manager's month: payments and won deals in money (minor
	 * units, the mean amount of gen_payments and gen_deals), meetings
	 * and calls done (a tenth and 70 % of the events). */
	base[0] = (int64_t)count[K_PAYMENTS] * 30 / (PAY_DAYS_BACK + 1) *
	    255000 * 100 / count[K_MANAGERS];
	base[1] = (int64_t)count[K_DEALS] * 30 / (today_ix + 1) * 3 / 10 *
	    2510000 * 100 / count[K_MANAGERS];
	base[2] = (int64_t)count[K_EVENTS] * 30 / ndays / 10 /
	    count[K_MANAGERS];
	base[3] = (int64_t)count[K_EVENTS] * 30 / ndays * 7 / 10 /
	    count[K_MANAGERS];
	memset(team, 0, sizeof(team));
	st = prep("INSERT INTO plans (user_id, period, measure, amount, "
	    "set_at, set_by) VALUES (?, ?, ?, ?, ?, ?)");
	/* Periods 0-11 the months, 12-15 the quarters, 16 the year. */
	for (m = 2; m <= count[K_MANAGERS]; m++)
		for (p = 0; p < 17; p++)
			for (k = 0; k < 4; k++) {
				months = p < 12 ? 1 : p < 16 ? 3 : 12;
				if (p < 12)
					snprintf(key, sizeof(key), "%04d-%02d",
					    year, p + 1);
				else if (p < 16)
					snprintf(key, sizeof(key), "%04d-Q%d",
					    year, p - 11);
				else
					snprintf(key, sizeof(key), "%04d",
					    year);
				if (m == count[K_MANAGERS]) {
					put(st, "ittiii", (int64_t)0, key,
					    measures[k], team[k][p] * 11 / 10,
					    (int64_t)day[0], user_id[1]);
					continue;
				}
				v = base[k] * months * (80 + rnd(51)) / 100;
				team[k][p] += v;
				put(st, "ittiii", user_id[m], key, measures[k],
				    v, (int64_t)day[0], user_id[1]);
			}
	sqlite3_finalize(st);
}

/* ---- the product catalogue and deal lines (issue 27) ---- */

/*
 * 20 product groups, 200 products (ten a group) and one to three lines
 * a deal (two on average, 100 000 at scale 1) that add up to the
 * deal's amount to the kopeck, as the store keeps a deal with lines: so
 * no row of the tables above changes.  It runs after the history and
 * the plans, on a random stream of its own.  When the file has the
 * stored split (sql/023_group_shares.sql), it is filled from its views
 * at the end, as the migration fills it.
 */
static void
gen_products(void)
{
	static const char *const groups[20] = { "Насосы", "Фильтры",
		"Клапаны", "Трубы", "Фитинги", "Двигатели", "Редукторы",
		"Подшипники", "Компрессоры", "Вентиляторы", "Теплообменники",
		"Датчики", "Кабель", "Щиты", "Упаковка", "Металлопрокат",
		"Мебель", "Инструмент", "Запчасти", "Software" };
	sqlite3_stmt *st;
	int64_t g0, p0, nprod = 200, amount, left, price, qty, t, by;
	long i;
	int k, n;
	char code[16], name[96];

	if (scalar("SELECT count(*) FROM sqlite_master WHERE name = "
	    "'deal_lines'") == 0)
		return;
	progress("products");
	rs = 0x94d049bb133111ebULL;
	t = (int64_t)day[0];
	by = user_id[0];
	st = prep("INSERT INTO product_groups (name, created_at, updated_at, "
	    "created_by) VALUES (?, ?, ?, ?)");
	g0 = put(st, "tiii", groups[0], t, t, by);
	for (k = 1; k < 20; k++)
		put(st, "tiii", groups[k], t, t, by);
	sqlite3_finalize(st);
	st = prep("INSERT INTO products (code, name, group_id, unit, price, "
	    "created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?)");
	p0 = 0;
	for (i = 0; i < nprod; i++) {
		snprintf(code, sizeof(code), "П-%03ld", i + 1);
		snprintf(name, sizeof(name), "%s, модель %ld", groups[i % 20],
		    i / 20 + 1);
		price = (int64_t)(1000 + rnd(100000)) * 100;
		t = put(st, "ttitiiii", code, name, g0 + i % 20, i % 20 == 12 ?
		    "м" : "шт", price, (int64_t)day[0], (int64_t)day[0], by);
		if (i == 0)
			p0 = t;
	}
	sqlite3_finalize(st);
	st = prep("INSERT INTO deal_lines (deal_id, product_id, quantity, "
	    "price, amount, created_at, updated_at, created_by) VALUES (?, ?, "
	    "?, ?, ?, ?, ?, ?)");
	{
		sqlite3_stmt *rd = prep("SELECT id, amount, created_at FROM "
		    "deals WHERE amount > 0 ORDER BY id");

		while (sqlite3_step(rd) == SQLITE_ROW) {
			amount = sqlite3_column_int64(rd, 1);
			t = sqlite3_column_int64(rd, 2);
			n = 1 + (int)rnd(3);
			left = amount;
			/* each line but the last a part of what is left, a
			 * whole quantity at a whole price; the last the rest
			 * at quantity 1 */
			for (k = 0; k < n; k++) {
				if (k < n - 1 && left > 100) {
					qty = 1 + rnd(10);
					price = left * (20 + rnd(60)) / 100 /
					    qty;
					if (price <= 0) {
						qty = 1;
						price = left;
					}
				} else {
					qty = 1;
					price = left;
				}
				put(st, "iiiiiiii", (int64_t)
				    sqlite3_column_int64(rd, 0),
				    p0 + rnd((size_t)nprod), qty, price,
				    qty * price, t, t, by);
				left -= qty * price;
				if (left == 0)
					break;
			}
		}
		sqlite3_finalize(rd);
	}
	sqlite3_finalize(st);
	if (scalar("SELECT count(*) FROM sqlite_master WHERE name = "
	    "'payment_group_shares'") == 0)
		return;
	progress("the split over product groups");
	exec("DELETE FROM deal_group_shares");
	exec("INSERT INTO deal_group_shares SELECT * FROM deal_groups");
	exec("DELETE FROM payment_group_shares");
	exec("INSERT INTO payment_group_shares SELECT * FROM payment_groups");
}

/* ---- the search index ---- */

static char **saved_triggers;
static size_t nsaved;

/* Drops the triggers that index a new row in a database of schema 3 to
 * 11 (sql/003_search.sql), keeping their SQL for index_rebuild(); since
 * 12 the store keeps the index and there are none. */
static void
index_off(void)
{
	sqlite3_stmt *st = prep("SELECT name, sql FROM sqlite_master "
	    "WHERE type = 'trigger' AND name LIKE '%\\_fts\\_insert' "
	    "ESCAPE '\\'");
	char sql[256];

	while (sqlite3_step(st) == SQLITE_ROW) {
		saved_triggers = realloc(saved_triggers, (nsaved + 1) *
		    sizeof(*saved_triggers));
		if (saved_triggers == NULL ||
		    (saved_triggers[nsaved] = strdup((const char *)
		    sqlite3_column_text(st, 1))) == NULL)
			die("out of memory");
		nsaved++;
		snprintf(sql, sizeof(sql), "DROP TRIGGER \"%s\"",
		    sqlite3_column_text(st, 0));
		exec(sql);
	}
	sqlite3_finalize(st);
}

/* Puts the triggers back and fills every FTS5 index from its content. */
static void
index_rebuild(void)
{
	sqlite3_stmt *st = prep("SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'");
	char sql[256];
	size_t i;

	progress("search index");
	for (i = 0; i < nsaved; i++) {
		exec(saved_triggers[i]);
		free(saved_triggers[i]);
	}
	free(saved_triggers);
	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(sql, sizeof(sql), "INSERT INTO \"%s\" (\"%s\") "
		    "VALUES ('rebuild')", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 0));
		exec(sql);
	}
	sqlite3_finalize(st);
}

/* ---- main ---- */

static void
usage(void)
{
	fputs("usage: so-gen [--seed N] [--scale small|F] [--today "
	    "YYYY-MM-DD] [--set KIND=N]...\n"
	    "              [--calcurse DIR [--calcurse-all]] DB\n", stderr);
	exit(2);
}

static void
set_count(const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *end;
	long v;
	int k;

	for (k = 0; eq && k < NKINDS; k++)
		if (strlen(kind_names[k]) == (size_t)(eq - arg) &&
		    strncmp(arg, kind_names[k], (size_t)(eq - arg)) == 0)
			break;
	if (eq == NULL || k == NKINDS)
		die("--set %s: expected KIND=N, KIND one of managers, "
		    "companies, contacts, events, tasks, notes, deals, "
		    "payments, links", arg);
	errno = 0;
	v = strtol(eq + 1, &end, 10);
	if (errno || *end || end == eq + 1 || v < 0 || v > 100000000 ||
	    (k == K_MANAGERS && v < 1))
		die("--set %s: bad count", arg);
	count[k] = v;
}

static FILE *
open_out(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	return f;
}

static void
close_out(FILE *f, const char *name)
{
	if (f && (ferror(f) | fclose(f)))
		die("%s: write error", name);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 'r' },
		{ "scale", required_argument, NULL, 's' },
		{ "today", required_argument, NULL, 't' },
		{ "set", required_argument, NULL, 'n' },
		{ "calcurse", required_argument, NULL, 'c' },
		{ "calcurse-all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	double scale = 1;
	long set[NKINDS];
	unsigned long long seed = 1;
	const char *today = NULL, *caldir = NULL;
	char *end;
	struct tm tm;
	time_t now;
	int c, k, d;

	for (k = 0; k < NKINDS; k++)
		set[k] = -1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'r':
			seed = strtoull(optarg, &end, 10);
			if (*end || end == optarg)
				die("--seed %s: not a number", optarg);
			break;
		case 's':
			if (strcmp(optarg, "small") == 0)
				scale = 0.01;
			else if ((scale = strtod(optarg, &end)) <= 0 || *end ||
			    scale > 100)
				die("--scale %s: small or a factor such as 0.1",
				    optarg);
			break;
		case 't':
			today = optarg;
			break;
		case 'n':
			memcpy(count, set, sizeof(count));
			set_count(optarg);
			memcpy(set, count, sizeof(set));
			break;
		case 'c':
			caldir = optarg;
			break;
		case 'a':
			calcurse_all = 1;
			break;
		default:
			usage();
		}
	if (optind != argc - 1)
		usage();
	for (k = 0; k < NKINDS; k++) {
		count[k] = set[k] >= 0 ? set[k] : (long)(full_scale[k] * scale);
		if (k == K_MANAGERS && set[k] < 0)
			count[k] = full_scale[k];
	}
	rs = 0x9e3779b97f4a7c15ULL ^ (seed * 0xbf58476d1ce4e5b9ULL);
	if (rs == 0)
		rs = 1;

	/* The window: local midnights from two years back to one ahead. */
	memset(&tm, 0, sizeof(tm));
	if (today) {
		if (sscanf(today, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon,
		    &tm.tm_mday) != 3)
			die("--today %s: expected YYYY-MM-DD", today);
		tm.tm_year -= 1900;
		tm.tm_mon--;
	} else {
		now = time(NULL);
		localtime_r(&now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	}
	ndays = DAYS_BACK + DAYS_AHEAD;
	today_ix = DAYS_BACK;
	day = xcalloc((size_t)ndays, sizeof(*day));
	for (d = 0; d < ndays; d++) {
		struct tm t = tm;

		t.tm_mday += d - DAYS_BACK;
		t.tm_isdst = -1;
		if ((day[d] = mktime(&t)) == (time_t)-1)
			die("--today %s: not a date", today);
	}

	if (caldir) {
		if (mkdir(caldir, 0755) != 0 && errno != EEXIST)
			die("%s: %s", caldir, strerror(errno));
		apts = open_out(caldir, "apts");
		todo = open_out(caldir, "todo");
	}
	if (sqlite3_open_v2(argv[optind], &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		die("%s: %s", argv[optind], sqlite3_errmsg(db));
	if (scalar("SELECT count(*) FROM companies") != 0)
		die("%s: already has companies; give it a fresh database",
		    argv[optind]);
	exec("PRAGMA synchronous = OFF");
	exec("PRAGMA cache_size = -262144");
	exec("BEGIN");
	index_off();
	gen_users();
	gen_companies();
	gen_contacts();
	gen_deals();
	gen_events();
	gen_tasks();
	gen_notes();
	gen_payments();
	gen_links();
	gen_history();
	gen_plans();
	gen_products();
	index_rebuild();
	progress("commit");
	exec("COMMIT");
	exec("PRAGMA optimize");
	check(sqlite3_close(db), "close");
	close_out(apts, "apts");
	close_out(todo, "todo");
	free(user_id);
	free(deal_company);
	free(day);
	return 0;
}
