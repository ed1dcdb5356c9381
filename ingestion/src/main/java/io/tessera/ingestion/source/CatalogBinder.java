package io.tessera.ingestion.source;

import io.tessera.contracts.ConsentChannel;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.Relation;
import io.tessera.ingestion.source.InvalidMappingException.Problem;
import io.tessera.ingestion.source.ValueSpec.Combine;
import io.tessera.ingestion.source.ValueSpec.Unmapped;
import io.tessera.ingestion.source.ValueSpec.ValueType;
import io.tessera.ingestion.source.YamlTree.Entry;
import io.tessera.ingestion.source.YamlTree.ListNode;
import io.tessera.ingestion.source.YamlTree.MapNode;
import io.tessera.ingestion.source.YamlTree.Node;
import io.tessera.ingestion.source.YamlTree.Pos;
import io.tessera.ingestion.source.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link YamlTree} into a {@link SourceCatalog}, collecting every problem instead of stopping at the first,
 * so that one run of the loader tells the user everything to fix. Returns {@code null} parts where a problem was
 * found; the loader throws when any problem was collected, so the partial result never escapes.
 */
final class CatalogBinder {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final Pattern WHOLE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}");

    private static final Set<String> TOP_KEYS = Set.of("sources");
    private static final Set<String> SOURCE_KEYS = Set.of("name", "kind", "connection", "capture", "debezium", "tables");
    private static final Set<String> CONNECTION_KEYS = Set.of("host", "port", "database", "user", "password");
    private static final Set<String> CAPTURE_KEYS = Set.of("slot", "publication", "server-id", "heartbeat-table");
    private static final java.util.regex.Pattern PG_TABLE =
            java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}\\.[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> TABLE_KEYS =
            Set.of("table", "key", "entity", "attributes", "relations", "facts", "consents", "link");
    private static final Set<String> LINK_KEYS = Set.of("from", "to", "type", "same-entity");
    private static final Set<String> LINK_END_KEYS = Set.of("table", "key", "source");
    private static final Set<String> LINK_TABLE_KEYS = Set.of("column", "map", "unmapped");
    private static final Set<String> CONSENT_KEYS = Set.of("channel", "purpose", "column", "meaning", "at");
    private static final Set<String> RELATION_KEYS = Set.of("type", "column", "table", "source", "same-entity");
    private static final Set<String> ENTITY_KEYS = Set.of("column", "type", "company-when", "person-when", "otherwise");
    private static final Set<String> VALUE_KEYS =
            Set.of("column", "columns", "first-of", "join", "trim", "type", "map", "unmapped", "default", "only-for");
    private static final Pattern IDENTIFIER_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern PG_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String file;
    private final Function<String, String> environment;
    private final List<Problem> problems = new ArrayList<>();
    /** Relations whose target (source, table, its key) can only be checked once every source is read. */
    private final List<RelationCheck> relationChecks = new ArrayList<>();
    /** The tables read of each source, also of sources with problems, so that their relations are checked too. */
    private final Map<String, ReadTables> readTables = new HashMap<>();
    /** Link tables without an {@code entity:}: it is their from tables' kind, known once every source is read. */
    private final List<LinkEntity> linkEntities = new ArrayList<>();

    CatalogBinder(String file, Function<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    List<Problem> problems() {
        return problems;
    }

    void problem(Pos at, String key, String message) {
        problems.add(new Problem(file, at.line(), at.column(), key, message));
    }

    SourceCatalog bind(Node root) {
        if (root == null) {
            problem(new Pos(1, 1), "(file)", "the file is empty; it needs a 'sources:' list (see ingestion/README.md)");
            return null;
        }
        MapNode top = asMap(root, "(file)", "the top level, holding 'sources:'");
        if (top == null) {
            return null;
        }
        allowOnly(top, "", TOP_KEYS);
        ListNode list = asList(required(top, "sources", "", "a list of source databases"), "sources");
        if (list == null) {
            return null;
        }
        if (list.items().isEmpty()) {
            problem(list.at(), "sources", "the list is empty; define at least one source");
        }
        List<SourceDefinition> sources = new ArrayList<>();
        Map<String, Pos> names = new LinkedHashMap<>();
        Map<Long, String> serverIds = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            // Checked before binding so that a duplicate is reported even when either copy has other problems.
            if (item instanceof MapNode map && map.get("name") instanceof ScalarNode name && name.text() != null) {
                Pos previous = names.putIfAbsent(name.text(), item.at());
                if (previous != null) {
                    problem(map.entry("name").keyAt(), "sources[" + name.text() + "].name",
                            "source '" + name.text() + "' is defined twice (also at line " + previous.line()
                                    + "); give each source its own name");
                }
            }
            SourceDefinition source = source(item, "sources[" + i + "]");
            if (source == null) {
                continue;
            }
            if (source.kind() == SourceKind.MARIADB) {
                String other = serverIds.putIfAbsent(source.capture().serverId(), source.name());
                if (other != null) {
                    problem(item.at(), "sources[" + source.name() + "].capture.server-id",
                            "server id " + source.capture().serverId() + " is also used by source '" + other
                                    + "'; every MariaDB replica needs its own, set capture.server-id");
                }
            }
            sources.add(source);
        }
        checkRelations(names.keySet());
        sources = linkEntities(sources);
        return problems.isEmpty() ? new SourceCatalog(file, sources) : null;
    }

    private SourceDefinition source(Node node, String path) {
        MapNode map = asMap(node, path, "a source with name, kind, connection and tables");
        if (map == null) {
            return null;
        }
        String name = string(required(map, "name", path, "the source name, e.g. name: crm"), path + ".name");
        if (name != null) {
            if (SourceDefinition.NAME.matcher(name).matches()) {
                path = "sources[" + name + "]";
            } else {
                problem(map.entry("name").value().at(), path + ".name",
                        "'" + name + "' is not a valid source name; use lower-case letters, digits, '-' and '_', "
                                + "starting with a letter, at most 40 characters");
                name = null;
            }
        }
        allowOnly(map, path, SOURCE_KEYS);
        SourceKind kind = null;
        Node kindNode = required(map, "kind", path, "the database product: postgres or mariadb; csv for files");
        String kindText = string(kindNode, path + ".kind");
        if (kindText != null) {
            kind = SourceKind.fromYaml(kindText).orElse(null);
            if (kind == null) {
                problem(kindNode.at(), path + ".kind", "unknown kind '" + kindText + "'; use one of: "
                        + String.join(", ", Arrays.stream(SourceKind.values()).map(SourceKind::yamlName).toList())
                        + suggestion(kindText, Arrays.stream(SourceKind.values()).map(SourceKind::yamlName).toList()));
            }
        }
        Connection connection = null;
        CaptureOptions capture = name == null ? null : CaptureOptions.defaultsFor(name);
        Map<String, String> debezium = Map.of();
        if (kind == SourceKind.CSV) {
            // A CSV source is read from files named on the command line: nothing to connect to or capture.
            for (String key : List.of("connection", "capture", "debezium")) {
                Entry entry = map.entry(key);
                if (entry != null) {
                    problem(entry.keyAt(), path + "." + key, "'" + key + "' applies to postgres and mariadb sources "
                            + "only; a csv source reads the files given to tessera resolve, remove it");
                }
            }
        } else {
            Node connectionNode = kind == null ? map.get("connection") : required(map, "connection", path,
                    "host, port, database, user and password of the source database");
            connection = connection(connectionNode, path + ".connection");
            capture = capture(map.get("capture"), path + ".capture", name, kind);
            debezium = debezium(map.get("debezium"), path + ".debezium");
        }
        List<TableMapping> tables = tables(required(map, "tables", path, "the captured tables and their mappings"),
                path + ".tables", name, kind, connection);
        if (name == null || kind == null || (kind.captured() && connection == null) || capture == null || debezium == null
                || tables == null || tables.isEmpty()) {
            return null;
        }
        return new SourceDefinition(name, kind, connection, capture, tables, debezium);
    }

    private Connection connection(Node node, String path) {
        MapNode map = asMap(node, path, "host, port, database, user and password");
        if (map == null) {
            return null;
        }
        allowOnly(map, path, CONNECTION_KEYS);
        String host = string(required(map, "host", path, "host name or address, e.g. host: 127.0.0.1"), path + ".host");
        Node portNode = required(map, "port", path, "TCP port, e.g. port: ${CRM_DB_PORT:5432}");
        String portText = string(portNode, path + ".port");
        String database = string(required(map, "database", path, "the database name"), path + ".database");
        String user = string(required(map, "user", path, "the capture user"), path + ".user");
        Node passwordNode = map.get("password");
        String password = passwordNode == null ? "" : string(passwordNode, path + ".password");
        String passwordVariable = null;
        if (passwordNode instanceof ScalarNode scalar && scalar.text() != null) {
            Matcher whole = WHOLE_VARIABLE.matcher(scalar.text().trim());
            if (whole.matches()) {
                passwordVariable = whole.group(1);
            }
        }
        Integer port = null;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.trim());
                if (port < 1 || port > 65_535) {
                    problem(portNode.at(), path + ".port", "port " + port + " is out of range; use 1 to 65535");
                    port = null;
                }
            } catch (NumberFormatException e) {
                problem(portNode.at(), path + ".port", "'" + portText + "' is not a port number; use a number "
                        + "such as 5432, or ${VARIABLE:5432}");
            }
        }
        if (host == null || port == null || database == null || user == null || password == null) {
            return null;
        }
        if (host.isBlank() || database.isBlank() || user.isBlank()) {
            problem(map.at(), path, "host, database and user must not be empty");
            return null;
        }
        return new Connection(host.trim(), port, database.trim(), user.trim(), password, passwordVariable);
    }

    private CaptureOptions capture(Node node, String path, String name, SourceKind kind) {
        if (name == null) {
            return null;
        }
        CaptureOptions defaults = CaptureOptions.defaultsFor(name);
        if (node == null) {
            return defaults;
        }
        MapNode map = asMap(node, path, "slot and publication (postgres) or server-id (mariadb)");
        if (map == null) {
            return null;
        }
        allowOnly(map, path, CAPTURE_KEYS);
        String slot = defaults.slot();
        String publication = defaults.publication();
        long serverId = defaults.serverId();
        boolean ok = true;
        for (String key : List.of("slot", "publication")) {
            Entry entry = map.entry(key);
            if (entry == null) {
                continue;
            }
            if (kind == SourceKind.MARIADB) {
                problem(entry.keyAt(), path + "." + key, "'" + key + "' applies to postgres sources only; remove it");
                ok = false;
                continue;
            }
            String value = string(entry.value(), path + "." + key);
            if (value == null) {
                ok = false;
            } else if (!PG_IDENTIFIER.matcher(value).matches()) {
                problem(entry.value().at(), path + "." + key, "'" + value + "' is not a valid PostgreSQL " + key
                        + " name; use lower-case letters, digits and '_', at most 63 characters");
                ok = false;
            } else if (key.equals("slot")) {
                slot = value;
            } else {
                publication = value;
            }
        }
        Entry serverIdEntry = map.entry("server-id");
        if (serverIdEntry != null) {
            if (kind == SourceKind.POSTGRES) {
                problem(serverIdEntry.keyAt(), path + ".server-id", "'server-id' applies to mariadb sources only; remove it");
                ok = false;
            } else {
                String value = string(serverIdEntry.value(), path + ".server-id");
                try {
                    serverId = Long.parseLong(value == null ? "" : value.trim());
                    if (serverId < 1 || serverId > 4_294_967_295L) {
                        throw new NumberFormatException("out of range");
                    }
                } catch (NumberFormatException e) {
                    problem(serverIdEntry.value().at(), path + ".server-id",
                            "the server id must be a number from 1 to 4294967295, distinct from the server's own");
                    ok = false;
                }
            }
        }
        String heartbeatTable = null;
        Entry heartbeatEntry = map.entry("heartbeat-table");
        if (heartbeatEntry != null) {
            String value = string(heartbeatEntry.value(), path + ".heartbeat-table");
            if (kind == SourceKind.MARIADB) {
                problem(heartbeatEntry.keyAt(), path + ".heartbeat-table",
                        "'heartbeat-table' applies to postgres sources only (the binlog position moves on by itself); "
                                + "remove it");
                ok = false;
            } else if (value == null || !PG_TABLE.matcher(value).matches()) {
                problem(heartbeatEntry.value().at(), path + ".heartbeat-table", "'" + value + "' is not a table as "
                        + "schema.table in lower case, e.g. public.tessera_heartbeat");
                ok = false;
            } else {
                heartbeatTable = value;
            }
        }
        return ok ? new CaptureOptions(slot, publication, serverId, heartbeatTable) : null;
    }

    private Map<String, String> debezium(Node node, String path) {
        if (node == null) {
            return Map.of();
        }
        MapNode map = asMap(node, path, "extra Debezium properties, property: value");
        if (map == null) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (Entry entry : map.entries().values()) {
            String value = string(entry.value(), path + "." + entry.key());
            if (value != null) {
                properties.put(entry.key(), value);
            }
        }
        return properties;
    }

    private List<TableMapping> tables(Node node, String path, String source, SourceKind kind, Connection connection) {
        ListNode list = asList(node, path);
        if (list == null) {
            return null;
        }
        if (list.items().isEmpty()) {
            problem(list.at(), path, "the list is empty; map at least one table");
            return null;
        }
        List<TableMapping> tables = new ArrayList<>();
        Map<String, Pos> seen = new HashMap<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            TableMapping table = table(item, path + "[" + i + "]", source, kind, connection);
            if (table == null) {
                ok = false;
                continue;
            }
            Pos previous = seen.putIfAbsent(table.qualifiedName(), item.at());
            if (previous != null) {
                problem(item.at(), path + "[" + table.qualifiedName() + "]", "table " + table.qualifiedName()
                        + " is mapped twice (also at line " + previous.line() + "); keep one mapping per table");
                ok = false;
                continue;
            }
            tables.add(table);
        }
        if (source != null) {
            readTables.put(source, new ReadTables(kind, List.copyOf(tables), ok && kind != null));
        }
        return ok ? tables : null;
    }

    private TableMapping table(Node node, String path, String source, SourceKind kind, Connection connection) {
        MapNode map = asMap(node, path, "a table with table, key, entity and attributes");
        if (map == null) {
            return null;
        }
        Node tableNode = required(map, "table", path, "the table, e.g. table: public.res_partner");
        String tableText = string(tableNode, path + ".table");
        String qualifier = null;
        String table = null;
        if (tableText != null && kind == SourceKind.CSV) {
            tableText = tableText.trim();
            qualifier = "";
            table = tableText;
            if (table.isEmpty() || table.contains("/") || table.contains("\\")) {
                problem(tableNode.at(), path + ".table", "'" + tableText + "' is not a CSV table name; write the file "
                        + "name without folder and extension (dataset3 for dataset3.csv), or a pattern such as *");
                table = null;
            } else {
                path = path.substring(0, path.lastIndexOf('[')) + "[" + table + "]";
            }
        } else if (tableText != null) {
            tableText = tableText.trim();
            int dot = tableText.indexOf('.');
            if (dot < 0) {
                // Unqualified names read as PostgreSQL's default schema or the MariaDB connection's database.
                qualifier = kind == SourceKind.MARIADB ? (connection == null ? null : connection.database()) : "public";
                table = tableText;
            } else {
                qualifier = tableText.substring(0, dot);
                table = tableText.substring(dot + 1);
            }
            if (table.isEmpty() || (qualifier != null && qualifier.isEmpty())) {
                problem(tableNode.at(), path + ".table", "'" + tableText + "' is not a table name; write schema.table "
                        + "(postgres) or database.table (mariadb)");
                table = null;
            } else if (qualifier != null) {
                path = path.substring(0, path.lastIndexOf('[')) + "[" + qualifier + "." + table + "]";
            }
        }
        allowOnly(map, path, TABLE_KEYS);
        if (map.get("link") != null) {
            return linkTable(map, path, source, qualifier, table);
        }
        List<String> key = key(required(map, "key", path, "the key columns, e.g. key: [id]"), path + ".key");
        EntityRule entity = entity(required(map, "entity", path,
                "person, company, or {column: ..., company-when: [...]}"), path + ".entity");
        AttributeMapping attributes = attributes(required(map, "attributes", path,
                "the attribute mapping, e.g. full-name: name"), path + ".attributes");
        List<RelationMapping> relations = relations(map.get("relations"), path + ".relations", source, table);
        Map<String, String> facts = facts(map.get("facts"), path + ".facts");
        List<ConsentMapping> consents = consents(map.get("consents"), path + ".consents");
        if (qualifier == null || table == null || key == null || entity == null || attributes == null || relations == null
                || facts == null || consents == null) {
            return null;
        }
        return new TableMapping(qualifier, table, key, entity, attributes, relations, facts, consents);
    }

    /**
     * A link table ({@link LinkMapping}): {@code table}, {@code key}, {@code link} and optionally {@code entity}; the
     * rows are relations, so the table maps no attributes, relations, facts or consents of its own.
     */
    private TableMapping linkTable(MapNode map, String path, String source, String qualifier, String table) {
        int before = problems.size();
        for (String key : List.of("attributes", "relations", "facts", "consents")) {
            Entry entry = map.entry(key);
            if (entry != null) {
                problem(entry.keyAt(), path + "." + key, "a link table's rows are relations between rows of other "
                        + "tables: it maps no " + key + "; remove '" + key + "' (map them on the tables it links)");
            }
        }
        List<String> key = key(required(map, "key", path, "the key columns, e.g. key: [name]"), path + ".key");
        Entry entityEntry = map.entry("entity");
        EntityRule entity = entityEntry == null ? null : entity(entityEntry.value(), path + ".entity");
        MapNode link = asMap(map.get("link"), path + ".link", "from, to and the relation type");
        if (link == null) {
            return null;
        }
        allowOnly(link, path + ".link", LINK_KEYS);
        LinkMapping.End from = linkEnd(required(link, "from", path + ".link",
                "the row a link belongs to, e.g. {table: tabContact, key: parent}"), path + ".link.from", source, table);
        LinkMapping.End to = linkEnd(required(link, "to", path + ".link",
                "the row a link points at, e.g. {table: tabCustomer, key: link_name}"), path + ".link.to", source, table);
        Map<String, String> types = linkTypes(required(link, "type", path + ".link",
                "the relation type, e.g. contact-of, or one per from table: {tabContact: contact-of}"),
                path + ".link.type", from);
        boolean sameEntity = false;
        Entry sameEntityEntry = link.entry("same-entity");
        if (sameEntityEntry != null) {
            sameEntity = Boolean.TRUE.equals(bool(sameEntityEntry.value(), path + ".link.same-entity"));
        }
        if (problems.size() > before || qualifier == null || table == null || key == null || from == null
                || to == null || types == null || (entityEntry != null && entity == null)) {
            return null;
        }
        TableMapping mapping = TableMapping.link(qualifier, table, key,
                entity == null ? new EntityRule.Fixed(EntityKind.PERSON) : entity,
                new LinkMapping(from, to, types, sameEntity));
        if (entity == null) {
            linkEntities.add(new LinkEntity(source, mapping.qualifiedName(), from, link.get("from").at(), path));
        }
        return mapping;
    }

    /**
     * {@code {table: tabContact, key: parent}}, or with the table named by a column:
     * {@code {table: {column: parenttype, map: {Contact: tabContact}, unmapped: drop}, key: parent}}. The tables it
     * may point into are checked with the relations.
     */
    private LinkMapping.End linkEnd(Node node, String path, String source, String ownTable) {
        MapNode map = asMap(node, path, "{table: ..., key: ...}: the table of the linked row and the column holding "
                + "its key");
        if (map == null) {
            return null;
        }
        int before = problems.size();
        allowOnly(map, path, LINK_END_KEYS);
        String keyColumn = name(required(map, "key", path, "the column holding the linked row's key, e.g. key: parent"),
                path + ".key", "the column name is empty; name the column that holds the linked row's key");
        Entry sourceEntry = map.entry("source");
        String endSource = sourceEntry == null ? source : name(sourceEntry.value(), path + ".source",
                "the source name is empty; name a source of this file, or remove 'source' for this source");
        Node tableNode = required(map, "table", path, "the linked table, e.g. table: tabCustomer, or the column naming "
                + "it: {column: link_doctype, map: {Customer: tabCustomer}}");
        String fixed = null;
        String column = null;
        Map<String, String> tables = Map.of();
        boolean reject = false;
        Map<String, Pos> tableAt = new LinkedHashMap<>();
        if (tableNode instanceof MapNode tableMap) {
            allowOnly(tableMap, path + ".table", LINK_TABLE_KEYS);
            column = name(required(tableMap, "column", path + ".table", "the column naming the linked table, e.g. "
                    + "column: link_doctype"), path + ".table.column", "the column name is empty; name the column "
                    + "that names the linked table");
            MapNode values = asMap(required(tableMap, "map", path + ".table", "its values to tables, e.g. "
                    + "{Customer: tabCustomer, Lead: tabLead}"), path + ".table.map", "values to tables, e.g. "
                    + "{Customer: tabCustomer}");
            if (values != null) {
                if (values.entries().isEmpty()) {
                    problem(values.at(), path + ".table.map", "the map is empty; map at least one value to a table");
                }
                tables = new LinkedHashMap<>();
                for (Entry entry : values.entries().values()) {
                    String target = linkTableName(entry.value(), path + ".table.map." + entry.key());
                    if (target != null) {
                        tables.put(entry.key(), target);
                        tableAt.putIfAbsent(target, entry.value().at());
                    }
                }
            }
            Entry unmappedEntry = tableMap.entry("unmapped");
            if (unmappedEntry != null) {
                String text = string(unmappedEntry.value(), path + ".table.unmapped");
                if ("reject".equals(text == null ? null : text.trim())) {
                    reject = true;
                } else if (text != null && !text.trim().equals("drop")) {
                    problem(unmappedEntry.value().at(), path + ".table.unmapped", "unknown value '" + text + "'; use "
                            + "drop (a row naming another table is no relation) or reject (dead letter)"
                            + suggestion(text, List.of("drop", "reject")));
                }
            }
        } else {
            fixed = linkTableName(tableNode, path + ".table");
            if (fixed != null) {
                tableAt.put(fixed, tableNode.at());
            }
        }
        if (problems.size() > before || keyColumn == null || endSource == null || tableNode == null
                || (fixed == null && column == null)) {
            return null;
        }
        LinkMapping.End end = fixed != null ? LinkMapping.End.fixed(endSource, fixed, keyColumn)
                : LinkMapping.End.byColumn(endSource, column, tables, reject, keyColumn);
        for (Map.Entry<String, Pos> target : tableAt.entrySet()) {
            // Checked as a relation would be: the source maps the table, and its key is one column.
            relationChecks.add(new RelationCheck(new RelationMapping(LinkMapping.LINK_OF, keyColumn, endSource,
                    target.getKey()), ownTable, map.at(), path, sourceEntry == null ? null : sourceEntry.value().at(),
                    target.getValue()));
        }
        return end;
    }

    private String linkTableName(Node node, String path) {
        String name = name(node, path, "the table name is empty; name a mapped table (without schema or database)");
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (name.contains("*") || name.contains("?")) {
            problem(node.at(), path, "'" + name + "' is a pattern; a link points at one table: name it (for a csv "
                    + "source, the file name without extension)");
            return null;
        }
        return name;
    }

    /** {@code type: contact-of} for every from table, or one type per from table: {@code {tabContact: contact-of}}. */
    private Map<String, String> linkTypes(Node node, String path, LinkMapping.End from) {
        if (node == null) {
            return null;
        }
        Map<String, String> types = new LinkedHashMap<>();
        boolean ok = true;
        if (node instanceof MapNode map) {
            for (Entry entry : map.entries().values()) {
                String type = linkType(entry.value(), path + "." + entry.key());
                ok &= type != null;
                if (from != null && !from.tables().contains(entry.key())) {
                    problem(entry.keyAt(), path + "." + entry.key(), "'" + entry.key() + "' is not a table of "
                            + "link.from; give a type for each of " + String.join(", ", from.tables())
                            + suggestion(entry.key(), List.copyOf(from.tables())));
                    ok = false;
                } else {
                    types.put(entry.key(), type);
                }
            }
            if (from != null) {
                List<String> missing = from.tables().stream().filter(t -> !map.entries().containsKey(t)).toList();
                if (!missing.isEmpty()) {
                    problem(map.at(), path, "no relation type for " + String.join(", ", missing) + "; give one for "
                            + "each table of link.from, e.g. " + missing.get(0) + ": contact-of");
                    ok = false;
                }
            }
        } else {
            String type = linkType(node, path);
            if (type == null) {
                return null;
            }
            if (from != null) {
                from.tables().forEach(t -> types.put(t, type));
            }
        }
        return ok && from != null ? types : null;
    }

    private String linkType(Node node, String path) {
        String type = string(node, path);
        if (type == null) {
            return null;
        }
        type = type.trim();
        if (!Relation.isValidType(type)) {
            problem(node.at(), path, "'" + type + "' is not a valid relation type; use lower-case words joined by "
                    + "hyphens, such as contact-of");
            return null;
        }
        if (type.equals(LinkMapping.LINK_OF)) {
            problem(node.at(), path, "'" + LinkMapping.LINK_OF + "' is the relation of a link record to its from row; "
                    + "name what the link means, such as contact-of");
            return null;
        }
        return type;
    }

    /**
     * A link table without {@code entity:}, whose records take the kind of its from rows.
     *
     * @param at where its {@code from:} is
     */
    private record LinkEntity(String source, String qualifiedName, LinkMapping.End from, Pos at, String path) {
    }

    /**
     * Gives each link table without {@code entity:} the kind of its from tables, so that a link record is never kept
     * from its from row by the person/company cannot-link rule. They must all be of one fixed kind.
     */
    private List<SourceDefinition> linkEntities(List<SourceDefinition> sources) {
        if (linkEntities.isEmpty() || !problems.isEmpty()) {
            return sources;
        }
        Map<String, EntityRule> entities = new HashMap<>();
        for (LinkEntity link : linkEntities) {
            ReadTables from = readTables.get(link.from().source());
            Set<EntityKind> kinds = new LinkedHashSet<>();
            List<String> byColumn = new ArrayList<>();
            for (String name : link.from().tables()) {
                from.tables().stream().filter(t -> from.kind() == SourceKind.CSV ? t.matchesFile(name)
                        : t.table().equals(name)).findFirst().ifPresent(t -> {
                    if (t.entity() instanceof EntityRule.Fixed fixed) {
                        kinds.add(fixed.kind());
                    } else {
                        byColumn.add(name);
                    }
                });
            }
            if (!byColumn.isEmpty() || kinds.size() != 1) {
                problem(link.at(), link.path() + ".entity", (byColumn.isEmpty()
                        ? "the link's from tables are of both kinds" : "the entity of " + String.join(", ", byColumn)
                        + " depends on a column") + "; give the link table the kind of its from rows: entity: person "
                        + "or entity: company");
                continue;
            }
            entities.put(link.source() + "\u0000" + link.qualifiedName(), new EntityRule.Fixed(kinds.iterator().next()));
        }
        if (!problems.isEmpty()) {
            return sources;
        }
        List<SourceDefinition> result = new ArrayList<>();
        for (SourceDefinition source : sources) {
            result.add(source.withTables(source.tables().stream().map(t -> {
                EntityRule entity = entities.get(source.name() + "\u0000" + t.qualifiedName());
                return entity == null ? t : t.withEntity(entity);
            }).toList()));
        }
        return result;
    }

    /** {@code facts: {order-total: total, currency: currency}}: fact name to the column holding it. */
    private Map<String, String> facts(Node node, String path) {
        if (node == null) {
            return Map.of();
        }
        MapNode map = asMap(node, path, "fact name: column pairs, e.g. {order-total: total, currency: currency}");
        if (map == null) {
            return null;
        }
        int before = problems.size();
        if (map.entries().isEmpty()) {
            problem(map.at(), path, "no facts mapped; map at least one (name: column) or remove 'facts'");
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (Entry entry : map.entries().values()) {
            String factPath = path + "." + entry.key();
            if (!TableMapping.isValidFactName(entry.key())) {
                problem(entry.keyAt(), factPath, "'" + entry.key() + "' is not a valid fact name; use lower-case "
                        + "words joined by hyphens, at most 40 characters, such as order-total");
            }
            if (!(entry.value() instanceof ScalarNode)) {
                problem(entry.value().at(), factPath, "expected one column name, found " + entry.value().describe()
                        + "; a fact is read from one column as the source writes it, e.g. order-total: total");
                continue;
            }
            String column = name(entry.value(), factPath, "the column name is empty; name the column that holds the "
                    + "fact, or remove it");
            if (column != null && !column.isEmpty()) {
                facts.put(entry.key(), column);
            }
        }
        return problems.size() > before ? null : facts;
    }

    /**
     * {@code consents: [{channel: email, purpose: marketing, column: opt_out, meaning: opt-out, at: opt_out_date}]};
     * {@code purpose} defaults to marketing, {@code meaning} to opt-in, {@code at} to none. A table states each
     * channel and purpose once.
     */
    private List<ConsentMapping> consents(Node node, String path) {
        if (node == null) {
            return List.of();
        }
        ListNode list = asList(node, path);
        if (list == null) {
            return null;
        }
        List<ConsentMapping> consents = new ArrayList<>();
        Map<String, Pos> seen = new HashMap<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            ConsentMapping consent = consent(item, path + "[" + i + "]");
            if (consent == null) {
                ok = false;
                continue;
            }
            Pos previous = seen.putIfAbsent(consent.channel() + "/" + consent.purpose(), item.at());
            if (previous != null) {
                problem(item.at(), path + "[" + i + "]", "the " + consent.channel().configName() + " consent for "
                        + "purpose " + consent.purpose() + " is mapped twice in this table (also at line "
                        + previous.line() + "); a row states one consent per channel and purpose: keep one entry, or "
                        + "give the other its own purpose");
                ok = false;
                continue;
            }
            consents.add(consent);
        }
        return ok ? consents : null;
    }

    private ConsentMapping consent(Node node, String path) {
        MapNode map = asMap(node, path, "a consent with channel and column, e.g. {channel: email, column: opt_out, "
                + "meaning: opt-out}");
        if (map == null) {
            return null;
        }
        int before = problems.size();
        allowOnly(map, path, CONSENT_KEYS);
        Node channelNode = required(map, "channel", path, "the channel the column is about: " + ConsentChannel.allowed());
        String channelText = string(channelNode, path + ".channel");
        ConsentChannel channel = null;
        if (channelText != null) {
            // Lower case only, as the channels are named in JSON and URLs too: one spelling keeps files greppable.
            List<String> channels = Arrays.stream(ConsentChannel.values()).map(ConsentChannel::configName).toList();
            int index = channels.indexOf(channelText.trim());
            if (index < 0) {
                problem(channelNode.at(), path + ".channel", "unknown channel '" + channelText + "'; use one of: "
                        + ConsentChannel.allowed() + suggestion(channelText, channels));
            } else {
                channel = ConsentChannel.values()[index];
            }
        }
        String purpose = null;
        Entry purposeEntry = map.entry("purpose");
        if (purposeEntry != null) {
            purpose = name(purposeEntry.value(), path + ".purpose", "the purpose is empty; name one, e.g. marketing, "
                    + "or remove 'purpose' for marketing");
            if (purpose != null && !purpose.isEmpty() && !ConsentMapping.isValidPurpose(purpose)) {
                problem(purposeEntry.value().at(), path + ".purpose", "'" + purpose + "' is not a valid purpose; use "
                        + "lower-case words joined by hyphens, at most 40 characters, such as marketing or "
                        + "service-updates");
            }
        }
        Node columnNode = required(map, "column", path, "the column holding the statement, e.g. column: opt_out");
        if (columnNode != null && !(columnNode instanceof ScalarNode)) {
            problem(columnNode.at(), path + ".column", "expected one column name, found " + columnNode.describe()
                    + "; a consent is read from one column");
            columnNode = null;
        }
        String column = columnNode == null ? null : name(columnNode, path + ".column",
                "the column name is empty; name the column holding the statement");
        ConsentMapping.Meaning meaning = ConsentMapping.Meaning.OPT_IN;
        Entry meaningEntry = map.entry("meaning");
        if (meaningEntry != null) {
            String text = string(meaningEntry.value(), path + ".meaning");
            meaning = text == null ? null : ConsentMapping.Meaning.fromConfig(text.trim()).orElse(null);
            if (text != null && meaning == null) {
                problem(meaningEntry.value().at(), path + ".meaning", "unknown meaning '" + text + "'; use opt-in "
                        + "(true means consent given) or opt-out (true means consent withdrawn)"
                        + suggestion(text, ConsentMapping.Meaning.configNames()));
            }
        }
        String at = null;
        Entry atEntry = map.entry("at");
        if (atEntry != null) {
            if (atEntry.value() instanceof ScalarNode) {
                at = name(atEntry.value(), path + ".at", "the column name is empty; name the column holding when "
                        + "the statement was made, or remove 'at'");
            } else {
                problem(atEntry.value().at(), path + ".at", "expected one column name, found "
                        + atEntry.value().describe() + "; 'at' names the column holding when the statement was made");
            }
        }
        if (problems.size() > before || channel == null || column == null || meaning == null) {
            return null;
        }
        return new ConsentMapping(channel, purpose, column, meaning, at);
    }

    /**
     * {@code relations: [{type: employee-of, column: parent_id, table: res_partner, source: crm}, …]}; {@code table}
     * and {@code source} default to the table and source of the entry, {@code same-entity} to false. The targets are
     * checked at the end of binding.
     */
    private List<RelationMapping> relations(Node node, String path, String source, String table) {
        if (node == null) {
            return List.of();
        }
        ListNode list = asList(node, path);
        if (list == null) {
            return null;
        }
        List<RelationMapping> relations = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            RelationMapping relation = relation(list.items().get(i), path + "[" + i + "]", source, table);
            if (relation == null) {
                ok = false;
            } else {
                relations.add(relation);
            }
        }
        return ok ? relations : null;
    }

    private RelationMapping relation(Node node, String path, String source, String table) {
        MapNode map = asMap(node, path, "a relation with type and column, e.g. {type: employee-of, column: parent_id}");
        if (map == null) {
            return null;
        }
        int before = problems.size();
        allowOnly(map, path, RELATION_KEYS);
        Node typeNode = required(map, "type", path, "what the relation means, e.g. type: employee-of");
        String type = string(typeNode, path + ".type");
        if (type != null) {
            type = type.trim();
            if (!Relation.isValidType(type)) {
                problem(typeNode.at(), path + ".type", "'" + type + "' is not a valid relation type; use lower-case "
                        + "words joined by hyphens, such as employee-of");
            }
        }
        Node columnNode = required(map, "column", path, "the column holding the key of the related row, e.g. column: parent_id");
        String column = name(columnNode, path + ".column", "the column name is empty; name the column that holds the "
                + "key of the related row");
        Entry sourceEntry = map.entry("source");
        String targetSource = sourceEntry == null ? source : name(sourceEntry.value(), path + ".source",
                "the source name is empty; name a source of this file, or remove 'source' to relate to this source");
        Entry tableEntry = map.entry("table");
        boolean ownPattern = table != null && (table.contains("*") || table.contains("?"));
        String targetTable = table;
        if (tableEntry != null) {
            targetTable = name(tableEntry.value(), path + ".table", "the table name is empty; name the related table "
                    + "(without schema), or remove 'table' to relate to this table");
            if (targetTable != null && (targetTable.contains("*") || targetTable.contains("?"))) {
                problem(tableEntry.value().at(), path + ".table", "'" + targetTable + "' is a pattern; a relation "
                        + "points at one table: name it (for a csv source, the file name without extension)");
            }
        } else if (ownPattern) {
            if (source != null && source.equals(targetSource)) {
                // A pattern entry relates each file's rows to rows of the same file: resolved per record.
                targetTable = null;
            } else {
                problem(map.at(), path + ".table", "this table entry is the file-name pattern '" + table + "'; name the "
                        + "related table with table: (the file name without extension)");
            }
        }
        boolean sameEntity = false;
        Entry sameEntityEntry = map.entry("same-entity");
        if (sameEntityEntry != null) {
            // Only true or false: a same-entity relation links records, so a typo must not pass for either.
            sameEntity = Boolean.TRUE.equals(bool(sameEntityEntry.value(), path + ".same-entity"));
        }
        if (problems.size() > before || type == null || column == null || targetSource == null
                || (targetTable == null && !ownPattern)) {
            // Without a valid source or table name of its own, the entry's own problems are already reported.
            return null;
        }
        RelationMapping relation = new RelationMapping(type, column, targetSource, targetTable, sameEntity);
        relationChecks.add(new RelationCheck(relation, table, map.at(), path,
                sourceEntry == null ? null : sourceEntry.value().at(),
                tableEntry == null ? null : tableEntry.value().at()));
        return relation;
    }

    /**
     * A relation whose target remains to be checked.
     *
     * @param ownTable the table (name or pattern) of the entry that holds the relation
     * @param at       where the relation is
     * @param sourceAt where its {@code source:} value is, or {@code null} when it has none
     * @param tableAt  where its {@code table:} value is, or {@code null} when it has none
     */
    private record RelationCheck(RelationMapping relation, String ownTable, Pos at, String path, Pos sourceAt, Pos tableAt) {
    }

    /**
     * The tables of a source that were read without problems.
     *
     * @param complete whether every table entry of the source was read (a table missing here is then not mapped)
     */
    private record ReadTables(SourceKind kind, List<TableMapping> tables, boolean complete) {
    }

    /**
     * Checks the relations once every source is read: the target source is one of the file, it maps the target
     * table, and that table's key is one column (a relation column holds one value). Where the target source has
     * problems of its own, only what those problems leave checkable is checked.
     */
    private void checkRelations(Set<String> defined) {
        List<String> known = List.copyOf(defined);
        for (RelationCheck check : relationChecks) {
            RelationMapping relation = check.relation();
            if (!defined.contains(relation.targetSource())) {
                problem(check.sourceAt() == null ? check.at() : check.sourceAt(), check.path() + ".source",
                        "no source '" + relation.targetSource() + "' in this file; a relation points at a source of "
                                + "the same file: use one of " + String.join(", ", known)
                                + suggestion(relation.targetSource(), known));
                continue;
            }
            ReadTables target = readTables.get(relation.targetSource());
            if (target == null || (target.kind() == SourceKind.CSV && !target.complete())) {
                // Which entry maps a file depends on entries that could not be read: their problems come first.
                continue;
            }
            Pos tableAt = check.tableAt() == null ? check.at() : check.tableAt();
            String name = relation.targetTable() == null ? check.ownTable() : relation.targetTable();
            List<TableMapping> tables;
            if (relation.targetTable() == null) {
                tables = target.tables().stream().filter(t -> t.table().equals(check.ownTable())).toList();
            } else if (target.kind() == SourceKind.CSV) {
                // As tessera resolve picks the mapping of a file: the first entry whose name or pattern matches.
                tables = target.tables().stream().filter(t -> t.matchesFile(name)).limit(1).toList();
            } else {
                tables = target.tables().stream().filter(t -> t.table().equals(name)).toList();
            }
            if (tables.isEmpty()) {
                if (target.complete()) {
                    List<String> mapped = target.tables().stream().map(TableMapping::table).distinct().toList();
                    String unqualified = name.substring(name.lastIndexOf('.') + 1);
                    problem(tableAt, check.path() + ".table", "source '" + relation.targetSource() + "' maps no table '"
                            + name + "'; name a table it maps, without schema or database: " + String.join(", ", mapped)
                            + (!unqualified.equals(name) && mapped.contains(unqualified)
                                    ? " (did you mean '" + unqualified + "'?)" : suggestion(name, mapped)));
                }
                continue;
            }
            tables.stream().filter(t -> t.key().size() != 1).findFirst().ifPresent(t -> problem(tableAt,
                    check.path() + ".table", "table " + t.qualifiedName() + " of source '" + relation.targetSource()
                            + "' has the key [" + String.join(", ", t.key()) + "] of " + t.key().size()
                            + " columns, but a relation column holds a one-column key; point the relation at a table "
                            + "whose key is one column"));
        }
    }

    private List<String> key(Node node, String path) {
        if (node == null) {
            return null;
        }
        List<String> columns = columnList(node, path);
        if (columns != null && columns.isEmpty()) {
            problem(node.at(), path, "the key needs at least one column, e.g. key: [id]");
            return null;
        }
        return columns;
    }

    private EntityRule entity(Node node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode) {
            String text = string(node, path);
            EntityKind kind = text == null ? null : entityKind(text);
            if (kind == null && text != null) {
                problem(node.at(), path, "unknown entity '" + text + "'; use person, company, or "
                        + "{column: ..., company-when: [...], person-when: [...]}" + suggestion(text, List.of("person", "company")));
            }
            return kind == null ? null : new EntityRule.Fixed(kind);
        }
        MapNode map = asMap(node, path, "person, company, or {column: ..., company-when: [...]}");
        if (map == null) {
            return null;
        }
        allowOnly(map, path, ENTITY_KEYS);
        String column = string(required(map, "column", path, "the column that tells person from company"), path + ".column");
        ValueType type = valueType(map, path);
        Set<String> companyWhen = valueSet(map.get("company-when"), path + ".company-when");
        Set<String> personWhen = valueSet(map.get("person-when"), path + ".person-when");
        if (map.get("company-when") == null && map.get("person-when") == null) {
            problem(map.at(), path, "missing required key 'company-when' or 'person-when': list the column values "
                    + "that mean company (or person), e.g. company-when: [\"true\"]");
            return null;
        }
        EntityKind otherwise;
        Entry otherwiseEntry = map.entry("otherwise");
        if (otherwiseEntry != null) {
            String text = string(otherwiseEntry.value(), path + ".otherwise");
            if (text == null) {
                return null;
            }
            if (text.equals("reject")) {
                otherwise = null;
            } else {
                otherwise = entityKind(text);
                if (otherwise == null) {
                    problem(otherwiseEntry.value().at(), path + ".otherwise",
                            "unknown value '" + text + "'; use person, company or reject");
                    return null;
                }
            }
        } else if (map.get("person-when") == null) {
            otherwise = EntityKind.PERSON;
        } else if (map.get("company-when") == null) {
            otherwise = EntityKind.COMPANY;
        } else {
            otherwise = null;
        }
        if (column == null || type == null || companyWhen == null || personWhen == null) {
            return null;
        }
        ValueSpec value = new ValueSpec(List.of(column), Combine.JOIN, " ", true, type, Map.of(), Unmapped.KEEP, null, null);
        return new EntityRule.ByColumn(value, companyWhen, personWhen, otherwise);
    }

    private AttributeMapping attributes(Node node, String path) {
        if (node == null) {
            return null;
        }
        MapNode map = asMap(node, path, "attribute: column pairs");
        if (map == null) {
            return null;
        }
        if (map.entries().isEmpty()) {
            problem(map.at(), path, "no attributes mapped; map at least one of " + String.join(", ", AttributeMapping.NAMES));
            return null;
        }
        boolean ok = true;
        for (Entry entry : map.entries().values()) {
            if (!AttributeMapping.NAMES.contains(entry.key())) {
                problem(entry.keyAt(), path + "." + entry.key(), "unknown attribute '" + entry.key() + "'; use one of: "
                        + String.join(", ", AttributeMapping.NAMES) + suggestion(entry.key(), AttributeMapping.NAMES));
                ok = false;
            }
        }
        Holder holder = new Holder();
        ValueSpec fullName = optionalValue(map, "full-name", path, holder);
        ValueSpec givenName = optionalValue(map, "given-name", path, holder);
        ValueSpec familyName = optionalValue(map, "family-name", path, holder);
        ValueSpec companyName = optionalValue(map, "company-name", path, holder);
        List<ValueSpec> emails = valueList(map.get("emails"), path + ".emails", holder);
        List<ValueSpec> phones = valueList(map.get("phones"), path + ".phones", holder);
        AddressMapping address = address(map.get("address"), path + ".address", holder);
        ValueSpec taxId = optionalValue(map, "tax-id", path, holder);
        ValueSpec dateOfBirth = optionalValue(map, "date-of-birth", path, holder);
        Map<String, ValueSpec> identifiers = identifiers(map.get("identifiers"), path + ".identifiers", holder);
        if (!ok || holder.failed) {
            return null;
        }
        return new AttributeMapping(fullName, givenName, familyName, companyName, emails, phones, address, taxId,
                dateOfBirth, identifiers);
    }

    /** Tracks whether any part failed, because a {@code null} part may also mean "not mapped". */
    private static final class Holder {
        boolean failed;
    }

    private ValueSpec optionalValue(MapNode map, String key, String path, Holder holder) {
        Node node = map.get(key);
        if (node == null) {
            return null;
        }
        ValueSpec spec = value(node, path + "." + key, true);
        holder.failed |= spec == null;
        return spec;
    }

    private List<ValueSpec> valueList(Node node, String path, Holder holder) {
        if (node == null) {
            return List.of();
        }
        List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
        List<ValueSpec> specs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ValueSpec spec = value(items.get(i), node instanceof ListNode ? path + "[" + i + "]" : path, false);
            if (spec == null) {
                holder.failed = true;
            } else {
                specs.add(spec);
            }
        }
        return specs;
    }

    /** {@code identifiers: {type: value, …}}: each type names what the identifier is, each value reads like any other. */
    private Map<String, ValueSpec> identifiers(Node node, String path, Holder holder) {
        if (node == null) {
            return Map.of();
        }
        MapNode map = asMap(node, path, "identifier type: column pairs, e.g. {soc_sec_id: ssn, passport: passport_no}");
        if (map == null) {
            holder.failed = true;
            return null;
        }
        if (map.entries().isEmpty()) {
            problem(map.at(), path, "no identifiers mapped; map at least one (type: column) or remove 'identifiers'");
            holder.failed = true;
        }
        Map<String, ValueSpec> identifiers = new LinkedHashMap<>();
        for (Entry entry : map.entries().values()) {
            if (!IDENTIFIER_TYPE.matcher(entry.key()).matches()) {
                problem(entry.keyAt(), path + "." + entry.key(), "'" + entry.key() + "' is not a valid identifier type; "
                        + "use lower-case letters, digits, '_' and '-', starting with a letter, e.g. soc_sec_id");
                holder.failed = true;
                continue;
            }
            ValueSpec spec = optionalValue(map, entry.key(), path, holder);
            if (spec != null) {
                identifiers.put(entry.key(), spec);
            }
        }
        return identifiers;
    }

    private AddressMapping address(Node node, String path, Holder holder) {
        if (node == null) {
            return AddressMapping.NONE;
        }
        MapNode map = asMap(node, path, "address parts: " + String.join(", ", AttributeMapping.ADDRESS_PARTS));
        if (map == null) {
            holder.failed = true;
            return null;
        }
        for (Entry entry : map.entries().values()) {
            if (!AttributeMapping.ADDRESS_PARTS.contains(entry.key())) {
                problem(entry.keyAt(), path + "." + entry.key(), "unknown address part '" + entry.key() + "'; use one of: "
                        + String.join(", ", AttributeMapping.ADDRESS_PARTS) + suggestion(entry.key(), AttributeMapping.ADDRESS_PARTS));
                holder.failed = true;
            }
        }
        return new AddressMapping(
                optionalValue(map, "street", path, holder),
                optionalValue(map, "postcode", path, holder),
                optionalValue(map, "city", path, holder),
                optionalValue(map, "region", path, holder),
                optionalValue(map, "country", path, holder));
    }

    /**
     * A value in one of its forms: {@code column}, {@code [col1, col2]} (joined; only where {@code listJoins}) or
     * the full mapping form.
     */
    private ValueSpec value(Node node, String path, boolean listJoins) {
        if (node instanceof ScalarNode) {
            String column = string(node, path);
            if (column == null) {
                return null;
            }
            if (column.isBlank()) {
                problem(node.at(), path, "the column name is empty; name a column or remove the attribute");
                return null;
            }
            return ValueSpec.column(column.trim());
        }
        if (node instanceof ListNode) {
            if (!listJoins) {
                problem(node.at(), path, "a list inside a list is not supported; write {columns: [a, b]} to join columns");
                return null;
            }
            List<String> columns = columnList(node, path);
            if (columns == null) {
                return null;
            }
            if (columns.isEmpty()) {
                problem(node.at(), path, "the column list is empty; name at least one column");
                return null;
            }
            return new ValueSpec(columns, Combine.JOIN, " ", true, ValueType.ANY, Map.of(), Unmapped.KEEP, null, null);
        }
        MapNode map = (MapNode) node;
        int before = problems.size();
        allowOnly(map, path, VALUE_KEYS);
        List<String> sourceKeys = List.of("column", "columns", "first-of").stream().filter(k -> map.get(k) != null).toList();
        if (sourceKeys.size() != 1) {
            problem(map.at(), path, sourceKeys.isEmpty()
                    ? "missing required key 'column' (or 'columns' to join several, 'first-of' to take the first with a value)"
                    : "use only one of " + String.join(", ", sourceKeys));
            return null;
        }
        String sourceKey = sourceKeys.get(0);
        List<String> columns = sourceKey.equals("column")
                ? singleColumn(map.get("column"), path + ".column")
                : columnList(map.get(sourceKey), path + "." + sourceKey);
        if (columns != null && columns.isEmpty()) {
            problem(map.get(sourceKey).at(), path + "." + sourceKey, "the column list is empty; name at least one column");
            columns = null;
        }
        Combine combine = sourceKey.equals("first-of") ? Combine.FIRST : Combine.JOIN;
        String separator = " ";
        Entry join = map.entry("join");
        if (join != null) {
            if (!sourceKey.equals("columns")) {
                problem(join.keyAt(), path + ".join", "'join' applies to 'columns' only; remove it or use columns: [...]");
            }
            separator = string(join.value(), path + ".join");
        }
        Boolean trim = Boolean.TRUE;
        Entry trimEntry = map.entry("trim");
        if (trimEntry != null) {
            trim = bool(trimEntry.value(), path + ".trim");
        }
        ValueType type = valueType(map, path);
        Map<String, String> translations = Map.of();
        Entry mapEntry = map.entry("map");
        if (mapEntry != null) {
            translations = translations(mapEntry.value(), path + ".map");
        }
        Unmapped unmapped = Unmapped.KEEP;
        Entry unmappedEntry = map.entry("unmapped");
        if (unmappedEntry != null) {
            unmapped = choice(unmappedEntry.value(), path + ".unmapped", Unmapped.class,
                    "keep (the source value), drop (no value) or reject (dead letter)");
            if (mapEntry == null) {
                problem(unmappedEntry.keyAt(), path + ".unmapped", "'unmapped' applies with 'map' only; add a map or remove it");
            }
        }
        String defaultValue = null;
        Entry defaultEntry = map.entry("default");
        if (defaultEntry != null) {
            defaultValue = string(defaultEntry.value(), path + ".default");
            if (defaultValue == null && defaultEntry.value() instanceof ScalarNode scalar && scalar.text() == null) {
                problem(defaultEntry.value().at(), path + ".default", "the default is null; give a value or remove 'default'");
            }
        }
        EntityKind onlyFor = null;
        Entry onlyForEntry = map.entry("only-for");
        if (onlyForEntry != null) {
            String text = string(onlyForEntry.value(), path + ".only-for");
            onlyFor = text == null ? null : entityKind(text);
            if (onlyFor == null && text != null) {
                problem(onlyForEntry.value().at(), path + ".only-for", "unknown kind '" + text + "'; use person or company");
            }
        }
        if (columns == null || separator == null || trim == null || type == null || translations == null
                || unmapped == null || problems.size() > before) {
            return null;
        }
        return new ValueSpec(columns, combine, separator, trim, type, translations, unmapped, defaultValue, onlyFor);
    }

    private ValueType valueType(MapNode map, String path) {
        Entry entry = map.entry("type");
        if (entry == null) {
            return ValueType.ANY;
        }
        return choice(entry.value(), path + ".type", ValueType.class,
                "any, text, number, integer or boolean");
    }

    private <E extends Enum<E>> E choice(Node node, String path, Class<E> type, String options) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(text.trim())) {
                return constant;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        problem(node.at(), path, "unknown value '" + text + "'; use " + options + suggestion(text, names));
        return null;
    }

    private Map<String, String> translations(Node node, String path) {
        MapNode map = asMap(node, path, "source value: canonical value pairs, e.g. {\"1\": ES}");
        if (map == null) {
            return null;
        }
        Map<String, String> translations = new LinkedHashMap<>();
        for (Entry entry : map.entries().values()) {
            String value = string(entry.value(), path + "." + entry.key());
            if (value != null) {
                translations.put(entry.key(), value);
            }
        }
        return translations;
    }

    private Set<String> valueSet(Node node, String path) {
        if (node == null) {
            return Set.of();
        }
        List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
        Set<String> values = new LinkedHashSet<>();
        for (Node item : items) {
            String value = string(item, path);
            if (value == null) {
                return null;
            }
            values.add(value.trim());
        }
        return values;
    }

    private List<String> singleColumn(Node node, String path) {
        String column = string(node, path);
        return column == null ? null : column.isBlank() ? List.of() : List.of(column.trim());
    }

    private List<String> columnList(Node node, String path) {
        if (node instanceof ScalarNode) {
            return singleColumn(node, path);
        }
        ListNode list = asList(node, path);
        if (list == null) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String column = string(list.items().get(i), path + "[" + i + "]");
            if (column == null) {
                return null;
            }
            if (column.isBlank()) {
                problem(list.items().get(i).at(), path + "[" + i + "]", "the column name is empty");
                return null;
            }
            columns.add(column.trim());
        }
        return columns;
    }

    private Boolean bool(Node node, String path) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(node.at(), path, "'" + text + "' is not a boolean; use true or false");
                yield null;
            }
        };
    }

    private static EntityKind entityKind(String text) {
        return switch (text.trim()) {
            case "person" -> EntityKind.PERSON;
            case "company" -> EntityKind.COMPANY;
            default -> null;
        };
    }

    /** A name given as text, trimmed; an empty one is reported with {@code ifEmpty}. Null when unreadable. */
    private String name(Node node, String path, String ifEmpty) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        text = text.trim();
        if (text.isEmpty()) {
            problem(node.at(), path, ifEmpty);
        }
        return text;
    }

    private Node required(MapNode map, String key, String path, String meaning) {
        Node node = map.get(key);
        if (node == null) {
            problem(map.at(), join(path, key), "missing required key '" + key + "': add " + key + ": (" + meaning + ")");
        }
        return node;
    }

    private void allowOnly(MapNode map, String path, Set<String> allowed) {
        List<String> sorted = allowed.stream().sorted().toList();
        for (Entry entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                problem(entry.keyAt(), join(path, entry.key()), "unknown key '" + entry.key() + "'; allowed here: "
                        + String.join(", ", sorted) + suggestion(entry.key(), sorted));
            }
        }
    }

    private MapNode asMap(Node node, String path, String meaning) {
        if (node == null) {
            return null;
        }
        if (node instanceof MapNode map) {
            return map;
        }
        problem(node.at(), path, "expected a mapping (key: value lines) for " + meaning + ", found " + node.describe());
        return null;
    }

    private ListNode asList(Node node, String path) {
        if (node == null) {
            return null;
        }
        if (node instanceof ListNode list) {
            return list;
        }
        problem(node.at(), path, "expected a list ([a, b] or '- ' lines), found " + node.describe());
        return null;
    }

    /** A scalar with {@code ${...}} resolved and surrounding blanks kept; {@code null} with a problem otherwise. */
    private String string(Node node, String path) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem(node.at(), path, "expected a single value, found " + node.describe());
            return null;
        }
        if (scalar.text() == null) {
            problem(node.at(), path, "the value is empty (null); give a value");
            return null;
        }
        return substitute(scalar, path);
    }

    private String substitute(ScalarNode scalar, String path) {
        Matcher matcher = VARIABLE.matcher(scalar.text());
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$${")) {
                replacement = "${";
            } else {
                String name = matcher.group(1);
                String value = environment.apply(name);
                if (value == null) {
                    value = matcher.group(2);
                }
                if (value == null) {
                    problem(scalar.at(), path, "environment variable " + name + " is not set and has no default; set it "
                            + "or write ${" + name + ":default}");
                    ok = false;
                    value = "";
                }
                replacement = value;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return ok ? out.toString() : null;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** " (did you mean 'x'?)" for a near miss, so that typos are fixed at a glance. */
    private static String suggestion(String given, List<String> known) {
        String lower = given.toLowerCase(Locale.ROOT);
        return known.stream()
                .min(Comparator.comparingInt(k -> distance(lower, k)))
                .filter(k -> distance(lower, k) <= Math.max(2, k.length() / 3) || lower.startsWith(k) || k.startsWith(lower))
                .map(k -> " (did you mean '" + k + "'?)")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
