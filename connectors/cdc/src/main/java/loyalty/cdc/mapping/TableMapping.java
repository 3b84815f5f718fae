package loyalty.cdc.mapping;

/** The mapping of one operational table. Implementations only build events; {@link ChangeMapper} validates them. */
interface TableMapping {

    String table();

    MappingResult map(RowChange change);
}
