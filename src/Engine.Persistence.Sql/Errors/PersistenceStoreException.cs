namespace Engine.Persistence.Sql.Errors;

/// <summary>
/// The journal or snapshot store could not do what was asked. The message names the persistence id(s),
/// the database, what happened and what to do.
/// </summary>
public class PersistenceStoreException(string message, Exception? inner = null) : Exception(message, inner);
