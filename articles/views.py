from django.shortcuts import get_object_or_404, render

from .models import Article


def article_detail(request, pk: int):
    """The article as sentences, each with an anchor (#s-N) that evidence links point to."""
    article = get_object_or_404(Article, pk=pk)
    sentences = list(article.sentences.all())
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "sentences": sentences},
    )
