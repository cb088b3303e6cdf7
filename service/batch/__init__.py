"""``newsfacts batch``: a corpus through the extraction core on Dask.

``inputs`` finds and partitions the corpus, ``rows`` turns input rows into the API's responses,
``shards`` writes them atomically, ``worker`` is what runs on a Dask worker, ``job`` drives a run
and ``cli`` is its command line.  The extraction core knows nothing of Dask.
"""
